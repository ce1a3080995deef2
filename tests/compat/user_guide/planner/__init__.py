"""A task planner API used to check the behaviours of the quickstart (quickstart.rst)."""
