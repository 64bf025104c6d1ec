"""One settings module, read from the environment; SQLite when nothing is set."""

import os
from datetime import timedelta
from email.utils import formataddr, getaddresses
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured

from planning import limits

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def parse_admins(value: str) -> list:
    """DJANGO_ADMINS="Name <a@example.org>, b@example.org" as Django's ADMINS: address strings
    ("Name <a@…>") on Django 6, (name, address) pairs on 5.2."""
    admins = []
    for name, address in getaddresses([value]):
        if not address:
            continue
        if "@" not in address:
            raise ImproperlyConfigured(
                f"DJANGO_ADMINS={value!r}: {address!r} is not an email address"
            )
        admins.append(formataddr((name, address)) if django.VERSION >= (6, 0) else (name, address))
    return admins


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# pytest (8.2+) announces itself in PYTEST_VERSION: tests need no secret and speak plain HTTP.
TESTING = bool(os.environ.get("PYTEST_VERSION"))
if not SECRET_KEY:
    if not DEBUG and not TESTING:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment, "
            "or set DJANGO_DEBUG=1 for a development key."
        )
    # Development and tests only: never used in production.
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    # The project's apps, in their layers (README: Layout); each imports only those above it
    # in this list (tests/test_layering.py).
    "planning",
    "swot",
    "strategies",
    "actions",
    "evaluation",
    "audit",
    "reports",
    "studyfile",
    "editor",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves STATIC_ROOT (collectstatic) itself, before the sessions and the login checks.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PersianFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in the history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: throttles failed logins.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if django.VERSION < (6, 0):
    # Django 6 has {% partialdef %} built in; on 5.2 the same tags come from this package,
    # made builtins so that templates read the same on both.
    INSTALLED_APPS.append("template_partials")
    TEMPLATES[0]["OPTIONS"]["builtins"] = ["template_partials.templatetags.partials"]

# SQLite by default; DATABASE_URL=postgres://user@host:5432/name switches to PostgreSQL (psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background tasks: a report's PDF is typeset by a task worker, never in a web request (README
# "Reports"). By default the queue is a table in the database above (django-tasks-db; the worker
# is `manage.py db_worker`, which `./dev run` starts). DJANGO_TASKS_REDIS_URL=redis://host:6379/0
# puts it in Redis instead (`pip install -e ".[rq]"`; the worker is then `manage.py rqworker
# --job-class django_tasks_rq.Job`). Django 6 has the framework built in (django.tasks); on 5.2
# it is the django-tasks backport.
if django.VERSION < (6, 0):
    INSTALLED_APPS.append("django_tasks")
TASKS_REDIS_URL = os.environ.get("DJANGO_TASKS_REDIS_URL", "").strip()
if TASKS_REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Request and upload sizes (the numbers are planning/limits.py's; README "Limits"). A request's
# form fields, files apart: at most 2.5 MB and 1,000 fields, or 400. An upload request (a study
# file) over 10 MB: 400 before it is read (config/uploads.py); a file up to that is kept in
# memory up to 2 MB, on disk beyond, and the study-file form refuses one over 2 MB by its size.
DATA_UPLOAD_MAX_MEMORY_SIZE = limits.REQUEST_FORM_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = limits.REQUEST_FIELDS_MAX
DATA_UPLOAD_MAX_NUMBER_FILES = limits.REQUEST_FILES_MAX
FILE_UPLOAD_MAX_MEMORY_SIZE = limits.STUDY_FILE_MAX_BYTES
FILE_UPLOAD_HANDLERS = [
    "config.uploads.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Persian first, right-to-left; English available.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Tehran")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# Production (DEBUG off): collectstatic writes hashed, compressed copies into STATIC_ROOT and
# WhiteNoise serves them with far-future caching. Development and tests read static/ as it is.
# Reports do not go through this: reports/render.py reads the stylesheet and fonts from static/.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# WhiteNoise reads STATIC_ROOT once at start in production; in development and tests it looks
# at each request (and does not warn that there is no STATIC_ROOT before any collectstatic).
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "study-list"
LOGOUT_REDIRECT_URL = "login"

# Reverse proxies in front of the app (nginx in deploy/): 0, the default, when clients connect
# to it directly; 1 behind one proxy that sets X-Forwarded-For and X-Forwarded-Proto. With 0,
# those headers are ignored (a client could write anything in them); with N, the client's
# address is the Nth from the right in X-Forwarded-For (accounts/throttle.py), and
# X-Forwarded-Proto says whether the request came over HTTPS. The proxy passes the Host header
# as it came (deploy/nginx-workbench.conf), so USE_X_FORWARDED_HOST stays off.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))
if TRUSTED_PROXIES or env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Failed logins: django-axes locks out a username *from one address* after 5 failures for
# 15 minutes, so one office behind one address is not locked out by someone else's typos.
# Beside that, an address with 50 failed logins across all usernames within those 15 minutes
# is locked out (accounts/throttle.py): enough for an office's typos, not for guessing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "accounts.throttle.AddressLimitHandler"
AXES_CLIENT_IP_CALLABLE = "accounts.throttle.client_ip"
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "50"))

# Content-Security-Policy: our own scripts and styles only: no inline script or style, no
# eval (htmx is configured for that in base.html), no framing. Django 6's own SECURE_CSP
# where there is one ('self' is CSP.SELF), else the same policy from config/middleware.py.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if django.VERSION >= (6, 0):
    SECURE_CSP = CONTENT_SECURITY_POLICY
    MIDDLEWARE[MIDDLEWARE.index("config.middleware.ContentSecurityPolicyMiddleware")] = (
        "django.middleware.csp.ContentSecurityPolicyMiddleware"
    )

# Production (DEBUG off): HTTPS only, cookies secure, HSTS. Behind a TLS-terminating proxy
# set DJANGO_TRUSTED_PROXIES=1 (above) so Django trusts X-Forwarded-Proto. /healthz/ answers
# plain HTTP too, for a monitor asking the app server directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Logging: everything to stderr (systemd's journal in production: `journalctl -u workbench`),
# errors with their tracebacks; DJANGO_LOG_LEVEL (INFO by default) for Django's and our apps'
# loggers, WARNING for the libraries'. With DJANGO_ADMINS set, each server error is also
# mailed to them (the EMAIL_* settings below) when DEBUG is off.
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").strip().upper()
ADMINS = parse_admins(os.environ.get("DJANGO_ADMINS", ""))
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "root@localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", SERVER_EMAIL)
SMTP = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": int(os.environ.get("EMAIL_PORT", "25")),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS"),
    "use_ssl": env_bool("EMAIL_USE_SSL"),
}
if django.VERSION >= (6, 1):  # MAILERS replaces the EMAIL_* settings
    MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP}
    }
else:
    EMAIL_HOST, EMAIL_PORT = SMTP["host"], SMTP["port"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = SMTP["username"], SMTP["password"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = SMTP["use_tls"], SMTP["use_ssl"]
EMAIL_SUBJECT_PREFIX = os.environ.get("EMAIL_SUBJECT_PREFIX", "[workbench] ")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {process}: {message}", "style": "{"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    # The loggers below pass their records up to this one, which writes them.
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        **{
            name: {"level": LOG_LEVEL}
            for name in (
                *("django", "config", "planning", "swot", "strategies", "actions"),
                *("audit", "reports", "studyfile", "editor", "accounts"),
            )
        },
        # A server error (500) is logged here at ERROR with its traceback.
        "django.request": {"level": LOG_LEVEL, "handlers": ["mail_admins"] if ADMINS else []},
        # django-axes: each failed login and lockout (WARNING), not every successful one.
        "axes": {"level": "WARNING"},
    },
}
