"""Property-based fuzzing of both kinds of app."""
