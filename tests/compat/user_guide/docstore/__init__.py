"""A small document archive used to check the behaviours of the WSGI tutorial (tutorial.rst)."""
