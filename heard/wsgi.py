"""WSGI entry point (gunicorn heard.wsgi --preload)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings.production")
application = get_wsgi_application()

# Import every view now rather than on each worker's first request: with --preload, gunicorn's
# workers then share these pages of memory with the master. Then take everything loaded so far
# out of the garbage collector's sight: it lives as long as the process, and scanning it on
# every full collection cost a measurable share of each public page's time.
get_resolver().url_patterns  # noqa: B018
gc.freeze()
