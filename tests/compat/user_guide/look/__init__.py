"""The "look" image-sharing app of the Falcon 4.4 user guide's WSGI tutorial (tutorial.rst)."""
