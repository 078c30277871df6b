"""Seutu CRM: the network's ecosystem actors, contacts, competences and Invest-in pipeline."""
