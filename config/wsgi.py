"""The WSGI entry point (gunicorn). Production settings unless DJANGO_SETTINGS_MODULE
says otherwise: a server started without it refuses to run rather than fall back to
the developer's settings (DEBUG, a known SECRET_KEY)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
