"""Command-line tools: ``falcon-inspect-app`` (:mod:`falcon.cmd.inspect_app`)."""
