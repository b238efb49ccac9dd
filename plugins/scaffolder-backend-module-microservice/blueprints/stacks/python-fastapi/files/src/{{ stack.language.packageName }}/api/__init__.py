"""HTTP layer: routing, request parsing and response shaping only."""
