"""Seutu search: full-text, faceted search over actors, competences and pages."""
