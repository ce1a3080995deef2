"""The "asgilook" image service of the Falcon 4.4 user guide's ASGI tutorial."""
