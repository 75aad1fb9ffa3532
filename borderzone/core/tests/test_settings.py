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
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}
        and not k.startswith("EMAIL_")
        and k != "DEFAULT_FROM_EMAIL"
    }
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


def test_production_settings_pass_the_deployment_checks_with_a_mail_server():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="bqlkkt.example.vn",
        EMAIL_URL="smtp://bqlkkt%40example.vn:p%40ss@smtp.example.vn:587",
        DEFAULT_FROM_EMAIL="BQL KKT <noreply@bqlkkt.example.vn>",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_pass_the_deployment_checks_without_e_mail_and_say_where_notices_go():
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
    assert "borderzone.I001" in result.stderr and "ERRORS" not in result.stderr and "WARNINGS" not in result.stderr


def test_production_refuses_a_mail_server_without_a_sender_address():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="bqlkkt.example.vn",
        EMAIL_HOST="smtp.example.vn",
    )
    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL is required" in result.stderr


def _mailers(settings_module: str, **env: str) -> dict:
    import json

    code = "import json; from django.conf import settings; print(json.dumps([settings.MAILERS, settings.SITE_URL]))"
    result = _manage("shell", "-c", code, DJANGO_SETTINGS_MODULE=settings_module, **env)
    assert result.returncode == 0, result.stderr
    mailers, site_url = json.loads(result.stdout.strip().splitlines()[-1])
    return {"mailer": mailers["default"], "site_url": site_url}


def test_mail_settings_come_from_the_environment():
    # Development without a server: the console.
    assert _mailers("config.settings.dev")["mailer"] == {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    separate = _mailers(
        "config.settings.dev",
        EMAIL_HOST="smtp.example.vn",
        EMAIL_HOST_USER="bql",
        EMAIL_HOST_PASSWORD="secret-pw",
        EMAIL_USE_SSL="true",
        EMAIL_USE_TLS="false",
    )["mailer"]
    assert separate == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.vn",
            "port": 465,
            "username": "bql",
            "password": "secret-pw",
            "use_tls": False,
            "use_ssl": True,
            "timeout": 10,
        },
    }
    # Production without a server: the log.
    prod = _mailers("config.settings.prod", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="bqlkkt.example.vn")
    assert prod == {
        "mailer": {"BACKEND": "borderzone.core.mail.LogEmailBackend"},
        "site_url": "https://bqlkkt.example.vn",
    }


def test_an_email_url_gives_the_smtp_options():
    assert Env({"E": "smtp://bql%40example.vn:p%40ss%3A1@smtp.example.vn"}).email_url("E") == {
        "host": "smtp.example.vn",
        "port": 587,
        "username": "bql@example.vn",
        "password": "p@ss:1",
        "use_tls": True,
        "use_ssl": False,
    }
    implicit = Env({"E": "smtps://u:p@smtp.example.vn"}).email_url("E")
    assert (implicit["port"], implicit["use_tls"], implicit["use_ssl"]) == (465, False, True)
    relay = Env({"E": "smtp://localhost:25?tls=false"}).email_url("E")
    assert (relay["port"], relay["use_tls"], relay["username"]) == (25, False, "")
    assert Env({}).email_url("E") == {}


@pytest.mark.parametrize(
    ("value", "message"),
    [("http://smtp.example.vn", "smtp:// or smtps://"), ("smtp://", "no mail server"), ("smtp://h:99999", "valid")],
)
def test_a_bad_email_url_is_refused(value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        Env({"EMAIL_URL": value}).email_url("EMAIL_URL")


def test_email_url_and_email_host_together_are_refused():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.dev", EMAIL_URL="smtp://a:b@h", EMAIL_HOST="h")
    assert result.returncode != 0 and "Set EMAIL_URL or EMAIL_HOST, not both" in result.stderr


@pytest.mark.parametrize("value", ["borderzone.example.vn", "ftp://x.vn", "https://x.vn/path"])
def test_a_site_url_must_be_a_site_address(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        Env({"SITE_URL": value}).site_url("SITE_URL", "http://127.0.0.1:8000")


def test_every_variable_the_settings_read_is_documented_in_env_example():
    import re

    read = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        read |= set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M))
    assert read, "no variables found: the pattern is out of date"
    assert read - documented == set()


def test_database_connections_persist_with_health_checks_unless_told_otherwise():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    default = _manage("shell", "-c", code, DJANGO_SETTINGS_MODULE="config.settings.dev")
    assert default.stdout.strip().splitlines()[-1].split() == ["60", "True"], default.stderr
    told = _manage(
        "shell", "-c", code, DJANGO_SETTINGS_MODULE="config.settings.dev", CONN_MAX_AGE="0", CONN_HEALTH_CHECKS="false"
    )
    assert told.stdout.strip().splitlines()[-1].split() == ["0", "False"], told.stderr
