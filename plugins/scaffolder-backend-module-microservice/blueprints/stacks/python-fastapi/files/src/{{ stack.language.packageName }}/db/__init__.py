"""The data layer: SQLAlchemy engine, sessions and the declarative base."""
