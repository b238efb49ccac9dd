"""Cross-cutting concerns: settings, logging, errors, security and telemetry."""
