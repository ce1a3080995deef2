"""URI routing: the compiled router, URI template parsing, field converters, static routes.

Rules: nothing here performs network or async I/O; the static route only opens local files.
"""
