"""Tests: tasks run immediately, passwords hash fast, the database comes from DATABASE_URL."""

import uuid

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = "test-only-not-secret-4b8f0c2e9a1d7e3f6c5b4a3928171615141312111009"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Tasks run inside each write here: recomputing dashboards after every write would only slow the suite
# (a test turns it on to check it).
WARM_DASHBOARDS = False
# Mail stays in memory (django.core.mail.outbox), whatever server the environment names.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
if env.string("REDIS_URL", "-") != "-":
    # Each test process gets its own key prefix, so runs and xdist workers never share entries, and
    # clearing the cache removes only that prefix's keys (config/test_cache.py), never another worker's.
    CACHES = {
        "default": {
            "BACKEND": "config.test_cache.ProcessRedisCache",
            "LOCATION": env.string("REDIS_URL"),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MEDIA_ROOT = str(VAR_DIR / "test-media")  # noqa: F405
PRIVATE_MEDIA_ROOT = str(VAR_DIR / "test-media-private")  # noqa: F405

# On PostgreSQL, a second alias that is a read-only connection to the same test database stands for a
# replica: writes through it fail, so the router's tests prove that none go there. It is used only where
# a test turns it on (REPLICA_DATABASE="replica"); the rest of the suite reads the primary.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["replica"] = {  # noqa: F405
        **DATABASES["default"],  # noqa: F405
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), "options": "-c default_transaction_read_only=on"},  # noqa: F405
        "TEST": {"MIRROR": "default"},
    }
REPLICA_DATABASE = ""
