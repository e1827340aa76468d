"""WSGI entry point (gunicorn heard.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings.production")
application = get_wsgi_application()
