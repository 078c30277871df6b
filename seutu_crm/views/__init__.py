"""Admin views of seutu_crm that are not viewsets."""
