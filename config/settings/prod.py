"""Production: refuses to start without a real secret key, and passes `check --deploy`."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.boolean("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be false in production settings.")
SECRET_KEY = env.secret_key("SECRET_KEY")
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names in production.")

SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
if env.boolean("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.boolean("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.boolean("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is the domain owner's decision, not the code's.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

SITE_URL = env.site_url("SITE_URL", f"https://{ALLOWED_HOSTS[0]}")
if EMAIL_CONFIGURED:  # noqa: F405
    if not env.string("DEFAULT_FROM_EMAIL", ""):
        raise ImproperlyConfigured(
            "DEFAULT_FROM_EMAIL is required in production when a mail server is set: an address it may send from."
        )
else:
    # No mail server: notifications are written to the application's log (check --deploy says so).
    MAILERS = {"default": {"BACKEND": "borderzone.core.mail.LogEmailBackend"}}
