"""Settings for the test suite: the project's own PostgreSQL and Elasticsearch (the
database default is in base.py).

`make test` starts them (scripts/services.sh) and exports the URLs; the defaults below
match the ports that script uses.
"""

import os

# The rate-limit counters in the memcached that `make test` starts (scripts/memcached.sh).
os.environ.setdefault(
    "MEMCACHED_LOCATION", f"127.0.0.1:{os.environ.get('MEMCACHED_PORT', '11311')}"
)

from .base import *  # noqa: E402, F403

ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="kk-test")  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
OPEN_DATA_DIR = VAR_DIR / "test-open-data"  # noqa: F405
# Tasks queued with async_task run at once, in the test's own process.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
# Off for the suite (tests render pages over and over while they change data in ways no
# page would see); tests/core/test_pagecache.py and the invalidation tests switch it on.
PAGE_CACHE_SECONDS = 0
SYNONYMS_CHECK_SECONDS = 0  # every search looks at the shared generation
