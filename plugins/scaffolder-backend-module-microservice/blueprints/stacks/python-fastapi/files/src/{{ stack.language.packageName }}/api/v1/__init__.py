"""Version 1 of the HTTP API; a breaking change would go into a v2 next to it."""
