"""The quickstart examples of the Falcon 4.4 user guide (quickstart.rst)."""
