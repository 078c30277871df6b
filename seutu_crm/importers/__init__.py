"""Importers: plain functions that read a file, check every row and write in bulk.

Commands (``seutu_import``) and admin views call them; they know nothing of either.
"""
