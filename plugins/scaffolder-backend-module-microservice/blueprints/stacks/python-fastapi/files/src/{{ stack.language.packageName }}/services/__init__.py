"""Business rules. Services speak in domain errors and never see HTTP."""
