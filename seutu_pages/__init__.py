"""Seutu pages: editorial page types and StreamField blocks for the network's public site."""
