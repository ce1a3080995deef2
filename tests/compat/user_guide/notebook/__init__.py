"""An async note-keeping service used to check the behaviours of the ASGI tutorial
(tutorial-asgi.rst)."""
