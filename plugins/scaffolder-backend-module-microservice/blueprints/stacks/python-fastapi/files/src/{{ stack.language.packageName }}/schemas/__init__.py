"""Pydantic models of the HTTP API: what clients send and receive (never the ORM models)."""
