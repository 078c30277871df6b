"""Domain services of seutu_crm: plain functions that views, commands and tests call."""
