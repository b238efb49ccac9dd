"""Data access: the only code that builds SQL queries."""
