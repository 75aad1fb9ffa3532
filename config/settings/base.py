"""Settings shared by every environment. Values come only from the environment (see config.env)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, Env

env = Env()

VAR_DIR = BASE_DIR / "var"

DEBUG = False
SECRET_KEY = ""  # each environment module sets it
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.csv_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search fields and lookups on PostgreSQL (documents); inert on SQLite.
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "django_tasks_db",
    "captcha",
    "borderzone.core",
    "borderzone.accounts",
    "borderzone.zones",
    "borderzone.access",
    "borderzone.gates",
    "borderzone.register",
    "borderzone.planning",
    "borderzone.infrastructure",
    "borderzone.trade",
    "borderzone.documents",
    "borderzone.promotion",
    "borderzone.portal",
    "borderzone.reports",
    "borderzone.reporting",
    "borderzone.rates",
    "borderzone.inspections",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "borderzone.core.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Anonymous portal pages read the replica when there is one (after the user is known).
    "borderzone.core.routers.ReplicaReadsMiddleware",
    # After the user is known (its 400 page is the site's page); views and CSRF read bodies only later.
    "borderzone.core.middleware.BadInputMiddleware",
    "borderzone.portal.middleware.PortalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes goes last so that it sees the authenticated user.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "borderzone" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "borderzone.access.context_processors.site",
            ],
            "builtins": ["borderzone.core.templatetags.bz"],
        },
    }
]

DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'borderzone.sqlite3'}")}
# Persistent connections: a request reuses its process's connection instead of opening one (PostgreSQL's
# connection set-up cost more than a whole cached page); checked before reuse so a restarted server is
# reconnected to. CONN_MAX_AGE=0 closes after each request (e.g. behind PgBouncer in transaction mode).
DATABASES["default"]["CONN_MAX_AGE"] = env.integer("CONN_MAX_AGE", 60, minimum=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.boolean("CONN_HEALTH_CHECKS", True)
# A streaming replica, read only by what tolerates its lag (anonymous portal pages, report generation);
# signed-in pages and the API read the primary (borderzone/core/routers.py).
REPLICA_DATABASE = ""
if env.string("DATABASE_REPLICA_URL", "-") != "-":
    REPLICA_DATABASE = "replica"
    DATABASES[REPLICA_DATABASE] = env.database("DATABASE_REPLICA_URL", "")
    DATABASES[REPLICA_DATABASE]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES[REPLICA_DATABASE]["CONN_HEALTH_CHECKS"] = DATABASES["default"]["CONN_HEALTH_CHECKS"]
DATABASE_ROUTERS = ["borderzone.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "borderzone.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password-reset link works once (its token hashes the password it replaces) and for this long.
PASSWORD_RESET_TIMEOUT = env.integer("PASSWORD_RESET_MINUTES", 30, minimum=5) * 60
# Second factor (django-otp): the name an authenticator app shows, and how long the code step of a
# sign-in waits after the right password before the password must be given again.
OTP_TOTP_ISSUER = env.string("SITE_NAME", "BorderZone")
SECOND_FACTOR_PENDING_SECONDS = 300
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:staff-home"
LOGOUT_REDIRECT_URL = "core:home"

# Lockout: the same answer whether the username exists or not (django-axes counts both).
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("AXES_COOLOFF_MINUTES", 15, minimum=1))
# Failures count per username (from any address) and per address (for any username), each on its own.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "borderzone.accounts.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "borderzone.access.actors.client_ip"
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.integer("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
CSRF_COOKIE_HTTPONLY = True

# Language: Vietnamese is the default (no URL prefix), English under /en/, Chinese under /zh-hans/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English")), ("zh-hans", _("Chinese (simplified)"))]
LOCALE_PATHS = [BASE_DIR / "borderzone" / "locale"]
# Our own formats for a language where Django's do not fit our forms (see borderzone/core/formats/).
FORMAT_MODULE_PATH = ["borderzone.core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.time_zone("TIME_ZONE", "Asia/Ho_Chi_Minh")

STATIC_URL = "/static/"
STATIC_ROOT = env.string("STATIC_ROOT", str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "borderzone" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.string("MEDIA_ROOT", str(VAR_DIR / "media"))
# Uploaded documents and evidence files: outside MEDIA_ROOT, served only through views that check permissions.
PRIVATE_MEDIA_ROOT = env.string("PRIVATE_MEDIA_ROOT", f"{MEDIA_ROOT}-private")
DOCUMENTS_MAX_UPLOAD_BYTES = env.integer("DOCUMENTS_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)
# Salt of the hashes that stand for visitors' addresses (default: derived from SECRET_KEY).
VISITOR_HASH_SALT = env.string("VISITOR_HASH_SALT", "-")
if VISITOR_HASH_SALT == "-":
    VISITOR_HASH_SALT = ""
# Request bodies: form and JSON data up to 10 MB in memory; an upload over 5 MB goes to a temporary file;
# a body larger than the largest upload plus 1 MB is refused (413) before it is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
REQUEST_MAX_BYTES = DOCUMENTS_MAX_UPLOAD_BYTES + 1024 * 1024
# An Office or ODF upload (a ZIP inside) with more parts or more unpacked bytes than this is refused at once.
UPLOAD_MAX_ARCHIVE_MEMBERS = env.integer("UPLOAD_MAX_ARCHIVE_MEMBERS", 1000, minimum=10)
UPLOAD_MAX_UNCOMPRESSED_BYTES = env.integer("UPLOAD_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024, minimum=1024 * 1024)
# Rows read from an imported spreadsheet at most; counted while reading, so a larger file stops early.
IMPORT_MAX_ROWS = env.integer("IMPORT_MAX_ROWS", 200_000, minimum=100)
# ClamAV's clamd unix socket: when set, every upload is scanned and refused if a signature matches.
CLAMAV_SOCKET = env.string("CLAMAV_SOCKET", "-")
if CLAMAV_SOCKET == "-":
    CLAMAV_SOCKET = ""

# A running background import whose worker gave no sign of life for this long is marked failed (it can
# be run again); progress is recorded at least every few hundred rows, so this is far above any pause.
IMPORT_JOB_STALE_MINUTES = env.integer("IMPORT_JOB_STALE_MINUTES", 15, minimum=1)
# Exports of more rows than this are written by the task worker (progress at /staff/exports/<id>/).
EXPORT_INLINE_MAX_ROWS = env.integer("EXPORT_INLINE_MAX_ROWS", 5000, minimum=1)
# A PDF report whose register table has more projects than this carries the table as an Excel annex.
REPORT_PDF_REGISTER_MAX_ROWS = env.integer("REPORT_PDF_REGISTER_MAX_ROWS", 300, minimum=1)
# The same for a report being built or a trade forecast being computed: both save their progress (and a
# heartbeat) at each step, so a job quiet for this long lost its worker; it is marked failed and can run again.
REPORT_JOB_STALE_MINUTES = env.integer("REPORT_JOB_STALE_MINUTES", 15, minimum=1)

# Personal data kept only as long as its purpose needs (Law 91/2025/QH15; docs/security.md, "Personal data"):
# `manage.py purge_personal_data` (run daily) deletes a comment's e-mail and address hash this many months
# after it was posted, and an investor inquiry's name, e-mail and telephone this many months after it was closed.
RETENTION_COMMENT_CONTACT_MONTHS = env.integer("RETENTION_COMMENT_CONTACT_MONTHS", 12, minimum=1)
RETENTION_INQUIRY_CONTACT_MONTHS = env.integer("RETENTION_INQUIRY_CONTACT_MONTHS", 24, minimum=1)

# Caches hold only values keyed by a version kept in the database (borderzone.core.cache),
# so a process-local cache is correct too; Redis shares the work between processes.
REDIS_URL = env.string("REDIS_URL", "-")
if REDIS_URL != "-":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.string("CACHE_KEY_PREFIX", "borderzone"),
            "TIMEOUT": 3600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "borderzone",
            "TIMEOUT": 3600,
        }
    }

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Content Security Policy: nothing loads from another origin; scripts only from our static files.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # ECharts, Leaflet and Swagger UI set style attributes from script.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Address of the client: REMOTE_ADDR unless the number of trusted reverse proxies is set.
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0, minimum=0)

# The zone shown on the public home page when an install serves several.
DEFAULT_ZONE_CODE = env.string("DEFAULT_ZONE_CODE", "CB")
# Board name printed on reports and pages.
SITE_NAME = env.string("SITE_NAME", "BorderZone")
# Where the site is reached, for links in e-mails (written without a request). Production defaults to
# https:// and the first of ALLOWED_HOSTS.
SITE_URL = env.site_url("SITE_URL", "http://127.0.0.1:8000")

# E-mail, for the notifications that tell moderators something waits (Django's MAILERS; the EMAIL_*
# names below are environment variables only). Either EMAIL_URL (smtp://user:password@host:587 with
# STARTTLS, smtps://...:465 with implicit TLS) or EMAIL_HOST with EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD and EMAIL_USE_TLS or EMAIL_USE_SSL. Without a mail server, messages are written
# to the console (in production: to the process log).
_smtp = env.email_url("EMAIL_URL")
if env.string("EMAIL_HOST", ""):
    if _smtp:
        raise ImproperlyConfigured("Set EMAIL_URL or EMAIL_HOST, not both.")
    _use_ssl = env.boolean("EMAIL_USE_SSL", False)
    _smtp = {
        "host": env.string("EMAIL_HOST"),
        "port": env.integer("EMAIL_PORT", 465 if _use_ssl else 587, minimum=1),
        "username": env.string("EMAIL_HOST_USER", ""),
        "password": env.string("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env.boolean("EMAIL_USE_TLS", not _use_ssl),
        "use_ssl": _use_ssl,
    }
    if _smtp["use_tls"] and _use_ssl:
        raise ImproperlyConfigured("EMAIL_USE_TLS (STARTTLS) and EMAIL_USE_SSL (implicit TLS) exclude each other.")
EMAIL_CONFIGURED = bool(_smtp)
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {**_smtp, "timeout": env.integer("EMAIL_TIMEOUT", 10, minimum=1)},
        }
        if EMAIL_CONFIGURED
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
# The sender of notifications, and of error reports to administrators.
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")
SERVER_EMAIL = env.string("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# A moderator gets at most one notification e-mail of each kind in this many minutes; the next one
# says how many items wait.
NOTIFY_INTERVAL_MINUTES = env.integer("NOTIFY_INTERVAL_MINUTES", 30, minimum=1)
# Investors are reminded of reports due within this many days and of reports past due, at most once per
# REPORT_REMINDER_INTERVAL_HOURS (`manage.py send_report_reminders`, run daily).
REPORT_REMINDER_DAYS_BEFORE = env.integer("REPORT_REMINDER_DAYS_BEFORE", 10, minimum=1)
REPORT_REMINDER_INTERVAL_HOURS = env.integer("REPORT_REMINDER_INTERVAL_HOURS", 24 * 7, minimum=1)
# After a change to the data it reads, the task worker recomputes today's dashboard of each zone into the
# cache, so leaders do not wait for it. Worth it only with a cache shared by the processes (Redis).
WARM_DASHBOARDS = env.boolean("WARM_DASHBOARDS", REDIS_URL != "-")

# Captchas are drawn locally by django-simple-captcha (Pillow); nothing is fetched.
CAPTCHA_LENGTH = 5
# Readable (issue 13): characters that cannot be confused, capitals about 30 px high, little rotation,
# dots but no arcs across the letters; the image is shown at its own size, never stretched.
CAPTCHA_CHALLENGE_FUNCT = "borderzone.core.captcha.readable_challenge"
CAPTCHA_FONT_SIZE = 42
CAPTCHA_LETTER_ROTATION = (-12, 12)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_dots",)
CAPTCHA_TIMEOUT = 10  # minutes

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF step at INFO; keep their warnings only.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
