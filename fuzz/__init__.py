"""Coverage-guided fuzz targets for the parsers that read client bytes (see docs/fuzzing.md)."""
