"""Settings come from the environment and refuse values that make no sense."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import Env

ROOT = Path(__file__).resolve().parents[3]
GOOD_KEY = "k3Y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_boolean_that_is_not_one_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        Env({"DEBUG": value}).boolean("DEBUG", False)


def test_booleans_read_the_usual_spellings():
    assert Env({"X": "TRUE"}).boolean("X", False) is True
    assert Env({"X": "off"}).boolean("X", True) is False
    assert Env({}).boolean("X", True) is True


def test_a_number_that_is_not_one_is_refused():
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        Env({"N": "ten"}).integer("N", 5)
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        Env({"N": "0"}).integer("N", 5, minimum=1)


def test_an_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        Env({"DATABASE_URL": "mysql://root@localhost/x"}).database("DATABASE_URL", "sqlite:///x.db")


def test_a_postgres_url_is_parsed():
    config = Env({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/bz"}).database("DATABASE_URL", "")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("127.0.0.1", 5432, "bz")


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(ImproperlyConfigured, match="time zone"):
        Env({"TIME_ZONE": "Asia/Hanoi_City"}).time_zone("TIME_ZONE", "Asia/Ho_Chi_Minh")
    assert Env({}).time_zone("TIME_ZONE", "Asia/Ho_Chi_Minh") == "Asia/Ho_Chi_Minh"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "required"),
        ("short-key", "at least 50"),
        ("a" * 60, "at least 50"),
        ("django-insecure-" + "x1y2z3" * 10, "placeholder"),
    ],
)
def test_production_secret_keys_must_be_real(key, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        Env({"SECRET_KEY": key}).secret_key()


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser fixture when a browser test ran earlier in this process.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ = {k: v for k, v in os.environ.items() if k not in dropped}
    environ.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=120
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.prod", ALLOWED_HOSTS="bqlkkt.example.vn")
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_settings_refuse_debug_and_missing_hosts():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.prod", SECRET_KEY=GOOD_KEY, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be false" in result.stderr
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.prod", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="")
    assert "ALLOWED_HOSTS must name" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="bqlkkt.example.vn",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
