"""Fixtures shared by every test module (filled in as the core grows)."""
