"""Settings shared by every environment.

Every value that differs between machines comes from an environment variable, read
here in one place with its type and default. The defaults serve a developer's machine
(`make run`); `production.py` refuses to start without the variables it needs.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core",
    "home",
    "companies",
    "complaints",
    "scorecards",
    "advice",
    "search",
    "opendata",
    "alerts",
    "wagtail.api.v2",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_q",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # The site's name and domain for allauth's e-mails; without it allauth falls back to
    # the request's host ("Hallo van 127.0.0.1:8000!"). home's migration 0009 fills it in.
    "django.contrib.sites",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First, so its process_exception runs last: with DEBUG on, the Dutch 404/500 pages
    # for the site's own URLs (`?debug` shows Django's technical page).
    "core.middleware.DebugSiteErrorPagesMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    # Before anything reads a body: refuses one over REQUEST_BODY_MAX_SIZE with a 413.
    "core.middleware.RequestBodyLimitMiddleware",
    # Before the session: anonymous visitors' public pages from the shared cache
    # (core.pagecache); a hit reads neither the session nor the database.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Responses to signed-in users: Cache-Control: private, no-store.
    "core.middleware.SignedInNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Refuses the account forms (their limits are in the shared cache) while Redis is down.
    "core.middleware.SharedCacheGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# One kind of database everywhere: PostgreSQL. Without DATABASE_URL the project's own
# server (scripts/postgres.sh, started by `make run`, `make test` and `make services`)
# on POSTGRES_PORT. SQLite only when DATABASE_URL asks for it; the commands that need
# PostgreSQL then say so in one line.
POSTGRES_PORT = env.int("POSTGRES_PORT", default=5433)
DATABASES = {
    "default": env.db(
        "DATABASE_URL",
        default=f"postgres://klachtenkompas@127.0.0.1:{POSTGRES_PORT}/klachtenkompas",
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis (`make prod`, scripts/redis.sh): when REDIS_URL is given it is django-q2's broker
# and the default cache. Without it (`make run`, `make test`) the database serves both.
REDIS_URL = env("REDIS_URL", default="")

# One cache shared by every process (web workers, task cluster, on every machine): rate
# limits, allauth's limits and django-q2's cluster statistics (read by /healthz) must agree.
CACHES = {
    "default": (
        {
            # Django's RedisCache that misses instead of failing while Redis is down,
            # so the site serves; signing in is refused then (core.middleware).
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            # Keeps the cache's keys apart from the queue's ("django_q:...") in the same
            # database. A cache.clear() would flush both: nothing in the site calls it.
            "KEY_PREFIX": "kk",
            # Redis unreachable: an error within half a second, not a hung worker.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "klachtenkompas_cache",
        }
    ),
}

# Public pages for anonymous visitors from the default cache (core.pagecache). A page is
# invalidated by every change that alters it; PAGE_CACHE_SECONDS only bounds its life
# (0 switches the page cache off). Proxies in front may keep a page PAGE_CACHE_MAX_AGE
# seconds. A failing cache is left alone for PAGE_CACHE_RETRY_SECONDS.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long a process uses its synonym list (search.synonyms) before asking the shared
# cache whether editors changed it: a change reaches every search within this time.
SYNONYMS_CHECK_SECONDS = env.float("SYNONYMS_CHECK_SECONDS", default=1.0)
# A word is a recurring problem of a company (or a sector) only when at least this many
# of its public complaints use it (search.problems).
RECURRING_PROBLEMS_MIN = env.int("RECURRING_PROBLEMS_MIN", default=5)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_RETRY_SECONDS = env.int("PAGE_CACHE_RETRY_SECONDS", default=5)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: EMAIL_URL (smtp://user:pass@host:port, consolemail://, ...) sets the backend.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# How long the outbox holds a message a worker has taken (complaints.outbox): after
# this, a worker that died mid-send has its message sent by the next run.
OUTBOX_CLAIM_SECONDS = env.int("OUTBOX_CLAIM_SECONDS", default=900)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Klachtenkompas <noreply@klachtenkompas.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Klachtenkompas"
# The public address of the site, for links in e-mails (and Wagtail's admin mails).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# django.contrib.sites: one Site, named and addressed like the public site.
SITE_ID = 1
SITE_NAME = WAGTAIL_SITE_NAME
SITE_DOMAIN = env("SITE_DOMAIN", default=urlsplit(SITE_URL).netloc)
# The admin calls no outside service: no avatars from a third party (they would learn
# a hash of each staff member's address), no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]

# Request bodies. The largest thing anyone sends is one attachment of at most 10 MB
# (complaints.attachments.MAX_SIZE) or an editor's image; a body declared larger is
# refused with a 413 before it is read (core.middleware). The proxy in front caps it
# too (README, production).
REQUEST_BODY_MAX_SIZE = env.int("REQUEST_BODY_MAX_SIZE", default=12 * 1024 * 1024)
# Form data without the files, and the size above which an uploaded file goes to a
# temporary file instead of memory: Django's defaults, stated.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Django's default. Wagtail's project template raises it to 10 000 for page models with
# very large forms; ours post under 100 fields (the longest demo tip, StreamField
# included), the admin's group and permission forms a few hundred.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Content-Security-Policy (django-csp, core.middleware): scripts only from the site's
# own files, never inline, on every public page. The charts are inline SVG with a
# <style> of their own, hence inline styles. The admin screens widen script-src, for
# the inline scripts in Wagtail's own templates.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"], "img-src": ["blob:"]}

# Elasticsearch holds the public complaint index; the project's own client code in
# search/client.py builds the connection from these settings when first needed.
# ELASTICSEARCH_URL lists one or more hosts, comma-separated; the client spreads requests
# over them and fails over when one is down. Without it the project's own server is used
# (scripts/elasticsearch.sh): ELASTICSEARCH_NODES local nodes from ELASTICSEARCH_PORT up.
_ES_PORT = env.int("ELASTICSEARCH_PORT", default=9250)
ELASTICSEARCH_URL = [
    host.strip()
    for host in env.list(
        "ELASTICSEARCH_URL",
        default=[
            f"http://127.0.0.1:{_ES_PORT + n}"
            for n in range(env.int("ELASTICSEARCH_NODES", default=1))
        ],
    )
    if host.strip()
]
# Copies of every shard beside its primary, set when an index is made. Default: one as
# soon as several nodes are named, so one may stop without its shards going dark (a
# search on a shard without a copy answers 503); none on a single node, where a replica
# could never be placed.
ELASTICSEARCH_REPLICAS = env.int(
    "ELASTICSEARCH_REPLICAS", default=1 if len(ELASTICSEARCH_URL) > 1 else 0
)
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="kk-dev")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)

# django-q2: Redis as the broker when REDIS_URL is given (a blocking pop instead of the
# ORM broker's polling of the database); otherwise the ORM broker, set explicitly because
# without either key django-q2 falls back to a Redis on localhost. The Redis broker does
# not acknowledge: a task whose worker dies mid-run is not redelivered (retry and
# max_attempts apply to the ORM broker only); failures are still saved in the database.
Q_CLUSTER = {
    "name": "klachtenkompas",
    **({"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}),
    "cache": "default",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 300,
    "retry": 360,
    "max_attempts": 5,
    "catch_up": False,
    "label": "Taken",
}

DEMO_PASSWORD = env("DEMO_PASSWORD", default="kompas-demo")
# seed_demo refuses to run unless this is true; production.py forces it off.
ALLOW_DEMO_DATA = env.bool("ALLOW_DEMO_DATA", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "elastic_transport": {"level": "ERROR"},
        # Wagtail's own background jobs (reference index) report every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Complaint attachments: outside MEDIA_ROOT, served only by a view that checks access.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
# The nightly open data dump (opendata.dump): one directory per run, "current" points at
# the newest; served at /open-data/ by a view, so it need not be under MEDIA_ROOT.
OPEN_DATA_DIR = env.path("OPEN_DATA_DIR", default=str(VAR_DIR / "open-data"))

# Accounts (django-allauth): sign up with an e-mail address, verified before first use;
# sign in with that address or the user name (staff and demo accounts have names).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/mijn-klachten/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Klachtenkompas] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# The site's own labels, help texts and autocomplete tokens on allauth's forms.
ACCOUNT_FORMS = {
    "login": "core.account_forms.LoginForm",
    "signup": "core.account_forms.SignupForm",
    "reset_password": "core.account_forms.ResetPasswordForm",
    "reset_password_from_key": "core.account_forms.ResetPasswordKeyForm",
    "change_password": "core.account_forms.ChangePasswordForm",
    "set_password": "core.account_forms.SetPasswordForm",
    "add_email": "core.account_forms.AddEmailForm",
    "reauthenticate": "core.account_forms.ReauthenticateForm",
}
# Its get_client_ip() is core.client_ip: allauth's rate limits see the real client; its
# get_login_redirect_url() sends representatives to the portal and staff to the admin.
ACCOUNT_ADAPTER = "companies.accounts.AccountAdapter"
# allauth counts these in the default cache (the database, or Redis with REDIS_URL), not
# in memcached: they hold (fail closed) when memcached is down.
ACCOUNT_RATE_LIMITS = {
    "signup": env("RATE_LIMIT_SIGNUP", default="10/h/ip"),
    "login_failed": "10/10m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "5/h/ip,3/h/key",
}

# The client's address behind a proxy (core.client_ip, used by the rate limits, axes,
# allauth and /healthz): the number of proxies in front of the site that append to
# X-Forwarded-For. 0: the header is ignored and REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Addresses that see /healthz in detail (as staff users do).
INTERNAL_NETWORKS = env.list(
    "INTERNAL_NETWORKS",
    default=["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
)

# Brute-force protection (django-axes), the same at every door (/account/login/,
# /admin/login/, /django-admin/login/): failures count per account, whichever
# identifier (e-mail address or user name, any case) was typed (core.accounts), and per
# client address. AXES_FAILURE_LIMIT failures lock the account, AXES_IP_FAILURE_LIMIT
# the address, for AXES_COOLOFF_TIME hours (account/lockout.html says "een uur"); a
# successful login forgives the account's failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_IP_FAILURE_LIMIT = env.int("AXES_IP_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "core.accounts.AccountAndAddressHandler"
AXES_USERNAME_CALLABLE = "core.accounts.account_key"
AXES_CLIENT_IP_CALLABLE = "core.accounts.axes_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"

# The rate limits' counters (core.ratelimit, a sliding window). memcached when
# MEMCACHED_LOCATION is given (`make run`, `make test` and `make services` start one):
# an atomic increment per request instead of the database cache's several queries,
# which cost the search API more than its own work (BENCHMARKS.md). Without it the
# shared default cache serves: Redis (as fast) with REDIS_URL, else the database (slower
# but correct). Never a per-process cache: every worker must count the same requests.
MEMCACHED_LOCATION = env("MEMCACHED_LOCATION", default="")
CACHES["ratelimit"] = (
    {
        "BACKEND": "core.cache.PersistentPyMemcacheCache",
        "LOCATION": MEMCACHED_LOCATION,
        "KEY_PREFIX": "kk-ratelimit",
        # Unreachable: errors within 0.2 s, then the server counts as down for 5 s
        # (errors at once, no waiting); each limit then fails open (reads) or closed
        # (writes, a 503), see core.ratelimit. /healthz reports it as degraded.
        "OPTIONS": {
            "connect_timeout": 0.2,
            "timeout": 0.2,
            "retry_attempts": 0,
            "dead_timeout": 5,
        },
    }
    if MEMCACHED_LOCATION
    # Redis's plain backend, not the default's degrading one: an error must reach
    # core.ratelimit, which then refuses writes instead of counting nothing.
    else {**CACHES["default"], "BACKEND": "django.core.cache.backends.redis.RedisCache"}
    if REDIS_URL
    else CACHES["default"]
)
# Rates ("N/s|m|h|d", or "N/10m"), each per key in a sliding window; see the README.
# Reads, open when the counters are down: search (page and API share one count) and
# autocomplete per address.
SEARCH_API_RATE = env("SEARCH_API_RATE", default="120/m")
# The export scans the whole index: per address, and for everyone together. Closed.
EXPORT_RATE = env("EXPORT_RATE", default="5/10m")
EXPORT_GLOBAL_RATE = env("EXPORT_GLOBAL_RATE", default="100/h")
# Writes, closed when the counters are down: per account (company requests: per
# account or, anonymous, per address).
COMPLAINT_SUBMIT_RATE = env("COMPLAINT_SUBMIT_RATE", default="10/d")
DRAFT_CREATE_RATE = env("DRAFT_CREATE_RATE", default="10/h")
REACTION_RATE = env("REACTION_RATE", default="30/h")
COMPANY_REQUEST_RATE = env("COMPANY_REQUEST_RATE", default="5/h")
# How long the link that proves a company address stays valid.
CLAIM_LINK_HOURS = env.int("CLAIM_LINK_HOURS", default=72)
# Claims started per account or address: each one sends a mail.
CLAIM_RATE = env("CLAIM_RATE", default="10/h")
# Follow forms and "Mijn meldingen" links, per client address: each may send a mail.
ALERT_SUBSCRIBE_RATE = env("ALERT_SUBSCRIBE_RATE", default="10/h")
# Seconds a mailed "Mijn meldingen" link works (a week).
ALERTS_MINE_LINK_MAX_AGE = env.int("ALERTS_MINE_LINK_MAX_AGE", default=7 * 24 * 3600)
# A consumer's copy of all their data (a zip with their attachments): per account.
PERSONAL_DATA_EXPORT_RATE = env("PERSONAL_DATA_EXPORT_RATE", default="5/h")
# Password tries on the account-deletion page: per account, against guessing.
ACCOUNT_ERASURE_RATE = env("ACCOUNT_ERASURE_RATE", default="10/h")
# Days after a complaint closed, was withdrawn or expired before the clock deletes its
# private part, attachments and contact log (stated on the privacy page).
PRIVATE_DATA_RETENTION_DAYS = env.int("PRIVATE_DATA_RETENTION_DAYS", default=180)
WAGTAIL_FINISH_WORKFLOW_ACTION = "complaints.workflows.publish_approved"
# New complaints are announced to the Moderators (the task's group), not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
