"""The recipes of the Falcon 4.4 user guide (user/recipes/)."""
