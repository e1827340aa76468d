"""A real OpenID Connect provider (django-oauth-toolkit) that the sign-in tests start on the
loopback interface, in its own process with its own SQLite database: see `fixture.py`."""
