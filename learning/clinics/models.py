"""Case clinics: models."""
