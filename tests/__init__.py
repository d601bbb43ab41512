"""Dossier test suite (see tests/README.md)."""
