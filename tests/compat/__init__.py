"""Falcon 4 compatibility probes: documented behaviour, checked against both app kinds."""
