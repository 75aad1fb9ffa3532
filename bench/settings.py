"""Settings of the gunicorn server `bench_public` starts: the test settings (the bench's database from
DATABASE_URL) with the bench's URLs (the project's and the bare reference views).

Tasks are queued and not run in the web workers, as in production, where the task worker runs them in
its own process: the bench plays that worker (it folds the appended visits every second, as the queued
`aggregate_visits` would). With the test settings' immediate backend, every 50th page view folded the
visit log inside its own request (50–1,200 ms on the loaded machine), which made the pages' p99."""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
