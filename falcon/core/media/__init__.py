"""Media handlers: turning request bodies into objects and objects into response bodies.

Rules: handlers are pure transformations over bytes. Nothing here performs I/O of its own;
handlers read from the stream objects they are given (``read(n)``, sync or async) and the
multipart parser is an incremental, sans-I/O state machine that the sync and async form
drivers feed. Client input is parsed in linear time and bad input raises a 4xx ``HTTPError``
(``MediaNotFoundError``, ``MediaMalformedError`` or ``MultipartParseError``).

Modules: ``_base`` (handler base classes and the fast-path contract), ``_json``,
``_msgpack``, ``_urlencoded``, ``_ws`` (WebSocket payload handlers), ``_multipart_parser``
(the incremental multipart parser), ``_multipart`` (sync and async forms and body parts:
``_multipart_async`` is the source, ``_multipart_sync`` its generated twin, ``_multipart_base``
what they share without I/O) and ``_handlers`` (the ``Handlers`` registry, its resolution
cache and the multipart handler, which itself uses a registry).
"""
