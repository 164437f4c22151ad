"""Logging in and out, changing a password, and the limit on failed logins."""
