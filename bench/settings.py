"""Settings of the gunicorn server `bench_public` starts: the test settings (the bench's database from
DATABASE_URL, tasks run at once) with the bench's URLs (the project's and the bare reference views)."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
