"""Learning paths and assignments: models."""
