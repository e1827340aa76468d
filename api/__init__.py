"""The HTTP API (django-ninja): the same operations and permissions as the staff pages."""
