"""Contributed breakthroughs: models."""
