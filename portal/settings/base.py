"""Settings shared by every environment.

Everything that differs between machines is read from environment variables, so the
same code runs on a laptop (SQLite, database search) and in production (PostgreSQL,
Elasticsearch). See README.md, "Configuratie", for the full list.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # Project apps (each owns its models and rules, see README "Architectuur").
    "portal.core",
    "portal.anonymisation",
    "portal.home",
    "portal.standards",
    "portal.insights",
    "portal.accounts",
    "portal.helpline",
    "casebook",
    "learning",
    "learning.clinics",
    "learning.contributions",
    "learning.paths",
    "learning.follows",
    "search",
    "portal.shell",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Accounts: django-allauth with multi-factor authentication.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.core.site_cache.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.shell.middleware.URLTooLongMiddleware",
    "portal.accounts.middleware.AdminMFARequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.IdleSessionTimeoutMiddleware",
    "portal.accounts.admin_page_privacy.AdminPagePrivacyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

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
                "wagtail.contrib.settings.context_processors.settings",
                "portal.home.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# Database: DATABASE_URL everywhere, the embedded SQLite file by default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
#: SQLite under concurrent requests (`make run` serves with threads): a transaction takes
#: the write lock when it begins (IMMEDIATE), so two saves wait their turn instead of one
#: failing with "database is locked" when it upgrades from reading to writing; a waiting
#: writer gives up only after 20 s; readers never block the writer (WAL).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Django's rules, with the portal's Dutch messages (portal/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "portal.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "portal.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "portal.accounts.passwords.NumericPasswordValidator"},
]

# Language: the interface speaks Dutch through Django's translation machinery.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The longest address (path and query, percent-encoded) the site answers; a longer one
# gets a Dutch 414 page (portal.shell.middleware). Below gunicorn's limit_request_line
# (4094 for the whole request line by default), which would answer with a bare 414.
MAX_URL_LENGTH = 4000
# A form without a valid CSRF token gets a Dutch page (JSON on the API).
CSRF_FAILURE_VIEW = "portal.shell.views.csrf_failure"

# Cache: local memory by default, Redis when REDIS_URL is set (needed with more than
# one app server, so that rate limits are shared).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: django-tasks. The database backend keeps tasks until a worker
# (`manage.py db_worker`, package django-tasks-db) runs them; development runs them
# immediately.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail: configured by environment in production; console in development.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Doorbraak Leeromgeving <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The anonymisation guard leaves the organisation's own e-mail addresses alone (a contact
# or accessibility page names them on purpose); subdomains count too. Comma-separated.
ANONYMISATION_OWN_EMAIL_DOMAINS = [
    domain.strip().lower()
    for domain in os.environ.get("ANONYMISATION_OWN_EMAIL_DOMAINS", "doorbraak.nl").split(",")
    if domain.strip()
]

# Accounts: django-allauth. Log in with e-mail, verification mandatory, no account
# enumeration, and allauth's rate limits on failed logins (per IP and per login).
SITE_ID = 1
LOGIN_URL = "account_login"
# Private pages (e.g. restricted cases) send visitors to allauth's login, not Wagtail's.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "learning_dashboard"  # "Mijn leeromgeving", unless `next` says otherwise
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.ProfileSignupForm"
ACCOUNT_ADAPTER = "portal.shell.account_adapter.PortalAccountAdapter"
ACCOUNT_USER_DISPLAY = "portal.accounts.adapter.user_display"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Doorbraak Leeromgeving] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind reverse proxies that append the client's address to X-Forwarded-For, the number
# of those proxies; 0 trusts no forwarded header (REMOTE_ADDR). Read by allauth's rate
# limits and by the helpline's (portal.helpline.ratelimit.client_ip), so both agree.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Doorbraak Leeromgeving"

# Wagtail
WAGTAIL_SITE_NAME = "Doorbraak Leeromgeving"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Security headers. Production tightens these further (HSTS, secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
# Idle sessions end (portal.accounts.middleware.IdleSessionTimeoutMiddleware): 8 hours for
# staff who can reach the admin, 14 days for everyone else.
SESSION_IDLE_TIMEOUT_STAFF = int(os.environ.get("SESSION_IDLE_TIMEOUT_STAFF", str(8 * 3600)))
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(14 * 24 * 3600)))
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
CSRF_COOKIE_HTTPONLY = False

# Content Security Policy (django-csp 4). Public pages load nothing from third parties;
# the only exception is a YouTube (nocookie) player a visitor chooses to start.
# The Wagtail admin relies on inline scripts and styles and is excluded; it is only
# reachable for staff behind multi-factor authentication.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Search: the case index and facets (search/). The database backend is the embedded
# default; SEARCH_AUTO_UPDATE switches the after-commit index updates (bulk loads pause them).
SEARCH_AUTO_UPDATE = env_bool("SEARCH_AUTO_UPDATE", True)
# Elasticsearch 8 is used when ELASTICSEARCH_URL is set; if it fails or is slower than
# ELASTICSEARCH_TIMEOUT seconds, searches answer from the database with a notice.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "doorbraak_")
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
ELASTICSEARCH_SHARDS = int(os.environ.get("ELASTICSEARCH_SHARDS", "1"))
# The index outbox (search/outbox.py): a failed engine write waits BASE seconds, doubled
# per failure, at most MAX; /healthz/ says "degraded" when an update has waited longer
# than DEGRADED_AFTER seconds.
SEARCH_OUTBOX_BACKOFF_BASE = float(os.environ.get("SEARCH_OUTBOX_BACKOFF_BASE", "15"))
SEARCH_OUTBOX_BACKOFF_MAX = float(os.environ.get("SEARCH_OUTBOX_BACKOFF_MAX", "600"))
SEARCH_OUTBOX_DEGRADED_AFTER = float(os.environ.get("SEARCH_OUTBOX_DEGRADED_AFTER", "300"))
# OpenSearch 2 is the other engine for scale, used when OPENSEARCH_URL is set (or
# SEARCH_ENGINE = "opensearch"); the ELASTICSEARCH_TIMEOUT, _INDEX_PREFIX, _REPLICAS and
# _SHARDS settings apply to it too (one mapping, one client policy for both engines).
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
# "database", "elasticsearch" or "opensearch"; empty: chosen by which URL is set.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "")
# Circuit breaker: after an engine failure or timeout, searches go to the database engine
# at once for this many seconds, while one probe at a time checks whether it is back.
SEARCH_BREAKER_COOLOFF = float(os.environ.get("SEARCH_BREAKER_COOLOFF", "30"))

# Casebook: with a region or year filter, a count of published cases from 1 up to this
# number (exclusive) is shown as "minder dan N" (page, API, impact figures), so that
# combinations of filters cannot single out a household (casebook/case_search/counts.py).
CASEBOOK_MIN_COUNT = int(os.environ.get("CASEBOOK_MIN_COUNT", "3"))

# Learning paths: reminders of assigned courses (manage.py paths_send_reminders, daily):
# this many days before the due date, and when overdue; one mail per learner per day.
PATHS_REMINDERS_ENABLED = env_bool("PATHS_REMINDERS_ENABLED", True)
PATHS_REMINDER_DAYS_BEFORE = int(os.environ.get("PATHS_REMINDER_DAYS_BEFORE", "3"))

# Casebook saved searches (casebook/saved_searches): how many one professional may keep.
# Their daily and weekly mails go out by `manage.py casebook_send_search_alerts` (cron,
# daily or hourly; idempotent).
CASEBOOK_SAVED_SEARCHES_MAX = int(os.environ.get("CASEBOOK_SAVED_SEARCHES_MAX", "25"))

# Helpline: working hours and the promise (contact within two working days; urgent the
# same working day), rate limits per IP address and per account, retention.
HELPLINE_WORKDAY_START = os.environ.get("HELPLINE_WORKDAY_START", "09:00")
HELPLINE_WORKDAY_END = os.environ.get("HELPLINE_WORKDAY_END", "17:00")
HELPLINE_RESPONSE_WORKING_DAYS = 2
# An urgent question gets at least this many working hours; with fewer left that day it is
# due the next working day at HELPLINE_URGENT_NEXT_DAY_TIME.
HELPLINE_URGENT_MIN_WORKING_HOURS = 2
HELPLINE_URGENT_NEXT_DAY_TIME = os.environ.get("HELPLINE_URGENT_NEXT_DAY_TIME", "11:00")
HELPLINE_CLOSED_ON_GOOD_FRIDAY = env_bool("HELPLINE_CLOSED_ON_GOOD_FRIDAY")
HELPLINE_LIBERATION_DAY = os.environ.get("HELPLINE_LIBERATION_DAY", "lustrum")
HELPLINE_RETENTION_DAYS = int(os.environ.get("HELPLINE_RETENTION_DAYS", "365"))
HELPLINE_RETENTION_OPEN_DAYS = int(os.environ.get("HELPLINE_RETENTION_OPEN_DAYS", "730"))
HELPLINE_RATE_LIMITS = {"ip": (10, 3600), "user": (5, 3600)}
HELPLINE_MAIL_MAX_ATTEMPTS = 10
HELPLINE_NOTIFY_EMAILS = env_list("HELPLINE_NOTIFY_EMAILS")

# Portal
PORTAL_DEMO_PASSWORD = os.environ.get("PORTAL_DEMO_PASSWORD", "Doorbraak-demo-2026")
