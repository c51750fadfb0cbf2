"""Production: no defaults for what must be set, no demo data, no debug.

Every security setting and its default is listed in the README ("In productie
nemen"); `manage.py check --deploy` passes without a warning on these settings."""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "ELASTICSEARCH_URL", "EMAIL_URL")
_missing = [name for name in REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(_missing)
    )

from .base import *  # noqa: E402, F403
from .base import DATABASES, EMAIL_BACKEND, MIDDLEWARE, SECRET_KEY, STORAGES, env  # noqa: E402

if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
# Mail that does not leave the process would write password-reset and verification
# links into the logs (console) or lose them (locmem, dummy, files).
_NOT_SENDING = ("console", "locmem", "dummy", "filebased")
if any(f".{kind}." in EMAIL_BACKEND for kind in _NOT_SENDING):
    raise ImproperlyConfigured(
        f"EMAIL_URL must name a real mail server in production (smtp:// or smtp+tls://), "
        f"not {EMAIL_BACKEND}."
    )

# Database connections, bounded per process. A web process under gunicorn's threads
# gets a pool when DATABASE_POOL_MAX_SIZE is set (its threads share at most that many
# connections; with W workers a web node holds at most W x max); otherwise, and always
# in django-q2's cluster, whose workers are forked (a pool must not cross a fork), each
# thread keeps one persistent connection for CONN_MAX_AGE seconds, checked before reuse.
DATABASE_POOL_MAX_SIZE = env.int("DATABASE_POOL_MAX_SIZE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if DATABASE_POOL_MAX_SIZE:
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them instead
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL_MAX_SIZE,
            # A request waits this long for a free connection, then fails with a 500
            # instead of queueing without end.
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # A connection kept from before is tried before use (pool: when it is handed out;
    # persistent: at the start of each request): after PostgreSQL restarts, the idle
    # ones are broken, and without this each would fail one request
    # (tests/config/test_database_restart.py). One round trip per request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEBUG = False
ALLOW_DEMO_DATA = False
# gunicorn serves the static files itself through WhiteNoise, right after security.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# A year of HTTPS-only, subdomains included; say so to the browsers' preload list.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
EMAIL_TIMEOUT = 10
