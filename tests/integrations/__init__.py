"""Third-party Falcon integrations run unchanged against this package."""
