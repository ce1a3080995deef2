"""falcon: the ultra-reliable, fast ASGI + WSGI framework for data-plane APIs."""
