"""Development: the default for `make run`. Not for a public server."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.boolean("DEBUG", True)
# A fixed development key is fine here: production refuses to start without a real one.
SECRET_KEY = env.string("SECRET_KEY", "dev-only-not-secret-7d3c1e0f9b2a4c5d8e6f1a2b3c4d5e6f7a8b9c0d1e2f")
