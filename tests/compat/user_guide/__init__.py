"""Falcon 4.4's user guide run unchanged: one test module per page, the guide's code beside it."""
