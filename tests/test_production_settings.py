"""Production settings take every secret from the environment and refuse to start without them, or with values
that cannot be right; the web process refuses the demo's placeholder ANBI numbers."""

import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from wagtail.models import Site

from pages.models import AnbiSettings
from tests.test_gunicorn_logs import free_port

REPO = Path(__file__).resolve().parents[1]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "doneren.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "STRIPE_SECRET_KEY": "sk_live_only_read_from_the_environment",
    "STRIPE_WEBHOOK_SECRET": "whsec_only_read_from_the_environment",
}


def _manage(*args, env):
    # The test run's own settings (and the browser tests' async-safety switch) must not leak into production.
    leaking = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in leaking}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deploy_checks():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_each_secret():
    for missing in ("DJANGO_SECRET_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "DATABASE_URL"):
        env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
        result = _manage("check", env=env)
        assert result.returncode != 0
        assert f"Set the {missing} environment variable" in result.stderr


# Each required variable set but empty is refused as firmly as a missing one, naming the variable, not its value.

REQUIRED = (
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "CACHE_URL",
    "CELERY_BROKER_URL",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
)
SHOW_SETTINGS = (
    "import leerkracht_site.settings.production as s; "
    "print(s.ALLOWED_HOSTS, s.STRIPE_SECRET_KEY, s.STRIPE_ALLOW_TEST_KEYS)"
)


def _production_settings(**variables):
    """Import the production settings, as every process does first, with these variables changed."""
    leaking = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "STRIPE_ALLOW_TEST_KEYS"}
    clean = {key: value for key, value in os.environ.items() if key not in leaking}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=REPO,
        env={**clean, **PRODUCTION_ENV, **variables},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _refused(result, message):
    assert result.returncode != 0, result.stdout
    assert f"django.core.exceptions.ImproperlyConfigured: {message}" in result.stderr, result.stderr


@pytest.mark.parametrize("name", REQUIRED)
def test_production_refuses_each_required_variable_when_empty(name):
    _refused(_production_settings(**{name: ""}), f"{name} is set but empty")


def test_only_spaces_are_empty_too():
    _refused(_production_settings(DJANGO_SECRET_KEY="   "), "DJANGO_SECRET_KEY is set but empty")


def test_the_correct_environment_is_accepted_as_it_is():
    result = _production_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["['doneren.example.org']", PRODUCTION_ENV["STRIPE_SECRET_KEY"], "False"]


def test_production_refuses_a_host_list_without_hosts():
    _refused(_production_settings(DJANGO_ALLOWED_HOSTS=" , "), "DJANGO_ALLOWED_HOSTS names no host")


@pytest.mark.parametrize("hosts", ["*", "doneren.example.org,*", "*.example.org"])
def test_production_refuses_a_wildcard_host(hosts):
    _refused(_production_settings(DJANGO_ALLOWED_HOSTS=hosts), "DJANGO_ALLOWED_HOSTS must not contain '*'")


def test_several_host_names_and_a_subdomain_pattern_are_accepted():
    result = _production_settings(DJANGO_ALLOWED_HOSTS="doneren.example.org, .leerkracht.example.nl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("['doneren.example.org', '.leerkracht.example.nl']")


@pytest.mark.parametrize("secret", ["we_1PqRsT_endpoint_id", "sk_live_pasted_in_the_wrong_box", "whsec_"])
def test_production_refuses_a_webhook_secret_that_is_not_a_signing_secret(secret):
    # With the wrong secret every webhook fails its signature check and no payment is ever recorded.
    result = _production_settings(STRIPE_WEBHOOK_SECRET=secret)
    _refused(result, "STRIPE_WEBHOOK_SECRET is not a webhook signing secret; it must start with whsec_")
    if len(secret) > len("whsec_"):
        assert secret not in result.stderr


@pytest.mark.parametrize("allow_test_keys", ["false", "true"])
@pytest.mark.parametrize("key", ["pk_live_51PublishableKey", "pk_test_51PublishableKey"])
def test_production_refuses_a_publishable_key(key, allow_test_keys):
    result = _production_settings(STRIPE_SECRET_KEY=key, STRIPE_ALLOW_TEST_KEYS=allow_test_keys)
    _refused(result, "STRIPE_SECRET_KEY is a publishable key (pk_…)")
    assert key not in result.stderr


@pytest.mark.parametrize("key", ["whsec_in_the_wrong_box", "51LiveKeyWithoutItsPrefix", "sk_bogus_51Key", "sk_live_"])
def test_production_refuses_what_is_no_secret_or_restricted_key(key):
    result = _production_settings(STRIPE_SECRET_KEY=key)
    _refused(result, "STRIPE_SECRET_KEY is not a Stripe secret or restricted key; it must start with sk_live_")
    if key != "sk_live_":  # a bare prefix is in the message itself
        assert key not in result.stderr


@pytest.mark.parametrize("key", ["sk_test_51TestModeKey", "rk_test_51TestModeKey"])
def test_production_refuses_test_mode_keys_by_default(key):
    result = _production_settings(STRIPE_SECRET_KEY=key)
    _refused(result, "STRIPE_SECRET_KEY is a test-mode key (sk_test_…/rk_test_…)")
    assert "STRIPE_ALLOW_TEST_KEYS=true on a staging site" in result.stderr
    assert key not in result.stderr
    _refused(_production_settings(STRIPE_SECRET_KEY=key, STRIPE_ALLOW_TEST_KEYS="false"), "STRIPE_SECRET_KEY is a")


@pytest.mark.parametrize("key", ["sk_test_51TestModeKey", "rk_test_51TestModeKey"])
def test_a_staging_site_may_allow_test_mode_keys(key):
    result = _production_settings(STRIPE_SECRET_KEY=key, STRIPE_ALLOW_TEST_KEYS="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == [key, "True"]


def test_a_restricted_live_key_is_accepted():
    result = _production_settings(STRIPE_SECRET_KEY="rk_live_51RestrictedKey")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == ["rk_live_51RestrictedKey", "False"]


# The ANBI numbers are in the database: a deployment check refuses the demo's placeholders (and empty ones) when
# DEBUG is off, and the web process runs it before it opens its port.

REAL_RSIN, REAL_KVK = "816523894", "34275681"
ANBI_CHECK = {"deploy": True, "databases": ["default"], "tags": ["database"]}  # what gunicorn.conf.py runs


def _default_site_anbi(rsin=None, kvk_number=None):
    anbi = AnbiSettings.for_site(Site.objects.get(is_default_site=True))
    if rsin is not None:
        anbi.rsin, anbi.kvk_number = rsin, kvk_number
        anbi.save()
    return anbi


def _check(**options):
    call_command("check", stdout=io.StringIO(), stderr=io.StringIO(), **options)


def test_the_demo_placeholders_fail_the_deployment_check(demo_site):
    anbi = _default_site_anbi()
    assert (anbi.rsin, anbi.kvk_number) == ("000000000", "00000000")  # what load_demo_content puts there

    with pytest.raises(SystemCheckError) as refused:
        _check(**ANBI_CHECK)
    report = str(refused.value)
    assert "(pages.E001) The ANBI RSIN of the default site (127.0.0.1) is the placeholder 000000000;" in report
    assert "(pages.E002) The ANBI KvK number of the default site (127.0.0.1) is the placeholder 00000000" in report
    assert "Instellingen → ANBI-gegevens" in report


def test_numbers_never_entered_fail_it_too(db):
    assert not AnbiSettings.objects.exists()  # a new installation, just migrated
    with pytest.raises(SystemCheckError) as refused:
        _check(**ANBI_CHECK)
    assert "(pages.E001) The ANBI RSIN of the default site (127.0.0.1) is empty" in str(refused.value)
    assert "(pages.E002) The ANBI KvK number of the default site (127.0.0.1) is empty" in str(refused.value)


def test_only_the_placeholder_number_fails(db):
    _default_site_anbi(rsin=REAL_RSIN, kvk_number="00000000")
    with pytest.raises(SystemCheckError) as refused:
        _check(**ANBI_CHECK)
    assert "pages.E002" in str(refused.value)
    assert "pages.E001" not in str(refused.value)


def test_the_real_numbers_pass(db):
    _default_site_anbi(rsin=REAL_RSIN, kvk_number=REAL_KVK)
    _check(**ANBI_CHECK)


def test_placeholders_are_fine_with_debug_on_and_outside_the_database_deployment_check(db, settings):
    _default_site_anbi(rsin="000000000", kvk_number="00000000")
    _check(deploy=True, tags=["database"])  # without --database, like Django's own database checks
    _check(databases=["default"], tags=["database"])  # not a deployment check: migrate does not run it
    settings.DEBUG = True
    _check(**ANBI_CHECK)


def test_the_check_passes_before_migrate(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--database",
        "default",
        "--tag",
        "database",
        env={"DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.test", "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _test_database_url():
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"


def _start_gunicorn(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkracht_site.settings.test",
        "DATABASE_URL": _test_database_url(),  # the data this test committed
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "LOG_FORMAT": "json",
        "STATIC_ROOT": str(tmp_path),
    }
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).with_name("gunicorn")), "leerkracht_site.wsgi", "--config", "gunicorn.conf.py"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return server, port


def _stop(server):
    server.send_signal(signal.SIGTERM)
    output, _ = server.communicate(timeout=30)
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_the_web_process_refuses_to_start_with_the_placeholders(
    django_db_serialized_rollback, transactional_db, tmp_path
):
    _default_site_anbi(rsin="000000000", kvk_number="00000000")
    server, _port = _start_gunicorn(tmp_path)
    try:
        output, _ = server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        _stop(server)
        pytest.fail("gunicorn started with the placeholder ANBI numbers")
    assert server.returncode == 1, output

    records = [json.loads(line) for line in output.splitlines() if line.strip()]
    messages = [record["message"] for record in records if record["level"] == "ERROR"]
    assert messages[0].startswith("System check pages.E001 failed: The ANBI RSIN of the default site")
    assert messages[1].startswith("System check pages.E002 failed: The ANBI KvK number of the default site")
    assert messages[2] == "Not starting: 2 system check error(s)"
    assert not any("Listening at" in record["message"] for record in records)  # refused before opening its port


def test_the_web_process_starts_with_the_real_numbers(django_db_serialized_rollback, transactional_db, tmp_path):
    _default_site_anbi(rsin=REAL_RSIN, kvk_number=REAL_KVK)
    server, port = _start_gunicorn(tmp_path)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as response:  # noqa: S310
                    health = json.loads(response.read())
                break
            except urllib.error.HTTPError as answer:  # 503 when the broker is away; the database is what counts here
                health = json.loads(answer.read())
                break
            except OSError:
                assert server.poll() is None, "gunicorn refused to start"
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.2)
    finally:
        records = _stop(server)
    assert health["database"] is True, (health, records)
    assert not [record for record in records if record["level"] == "ERROR"]
