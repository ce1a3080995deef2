"""Behaviours stated by Falcon 4.4's user guide (tutorials, quickstart, FAQ, recipes), one test
module per page, checked on small apps of our own."""
