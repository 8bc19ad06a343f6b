"""Media on an S3-compatible store chosen by MEDIA_STORAGE, and log lines as JSON chosen by LOG_FORMAT.

The storage tests build the settings from the environment exactly as a process would (running
leerkracht_site/settings/base.py with the variables set) and talk to moto's in-process S3.
"""

import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.files.images import ImageFile
from moto import mock_aws
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from tests.test_production_settings import PRODUCTION_ENV

REPO = Path(__file__).resolve().parents[1]
BASE_SETTINGS = REPO / "leerkracht_site" / "settings" / "base.py"
BUCKET = "leerkracht-media"
REGION = "eu-central-1"
OUR_VARIABLES = {
    "MEDIA_STORAGE",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "LOG_FORMAT",
    "LOG_LEVEL",
}


def settings_from_environment(monkeypatch, **variables):
    """The settings base.py makes from these environment variables (and none of ours from the outside).

    Credentials in the environment stay: without AWS_* keys in the settings, boto3 finds them there itself.
    """
    for name in OUR_VARIABLES - {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def jpeg_bytes(width=400, height=300):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def s3(monkeypatch):
    """moto's S3 with one empty bucket; yields a client to look inside it."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        yield client


def keys_in_bucket(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def use_media_settings(settings, built):
    settings.STORAGES = built["STORAGES"]
    settings.CONTENT_SECURITY_POLICY = built["CONTENT_SECURITY_POLICY"]
    settings.WAGTAILDOCS_SERVE_METHOD = built["WAGTAILDOCS_SERVE_METHOD"]


def test_local_disk_is_the_default(monkeypatch):
    built = settings_from_environment(monkeypatch)
    assert built["MEDIA_STORAGE"] == "local"
    assert built["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert built["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]


def test_an_image_uploaded_in_the_admin_lands_in_the_bucket_and_its_renditions_too(
    s3, monkeypatch, settings, client, admin_user
):
    built = settings_from_environment(
        monkeypatch,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_REGION_NAME=REGION,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",  # noqa: S106
    )
    assert built["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    use_media_settings(settings, built)
    assert keys_in_bucket(s3) == set()

    client.force_login(admin_user)
    upload = io.BytesIO(jpeg_bytes())
    upload.name = "klas-aan-het-bord.jpg"
    response = client.post(
        "/admin/images/add/",
        {"title": "Klas aan het bord", "file": upload, "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    image = Image.objects.get(title="Klas aan het bord")
    assert (image.width, image.height) == (400, 300)
    assert image.file.name.startswith("original_images/klas-aan-het-bord")
    assert image.file.name in keys_in_bucket(s3)
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()

    rendition = image.get_rendition("fill-200x100|format-webp")
    assert rendition.file.name.startswith("images/") and rendition.file.name.endswith(".webp")
    assert rendition.file.name in keys_in_bucket(s3)
    bucket_origin = f"https://{BUCKET}.s3.{REGION}.amazonaws.com"
    assert rendition.url == f"{bucket_origin}/{rendition.file.name}"  # public: no signature in the URL
    assert bucket_origin in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]

    stored = s3.get_object(Bucket=BUCKET, Key=rendition.file.name)
    assert stored["ContentType"] == "image/webp"
    assert stored["CacheControl"] == "public, max-age=86400"
    assert s3.get_object_acl(Bucket=BUCKET, Key=rendition.file.name)["Grants"][0]["Permission"] == "FULL_CONTROL"


def test_with_a_cdn_domain_image_urls_point_at_the_cdn_and_the_csp_allows_it(s3, monkeypatch, settings, db):
    built = settings_from_environment(
        monkeypatch,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_REGION_NAME=REGION,
        AWS_S3_CUSTOM_DOMAIN="media.doneren.example.org",
    )
    use_media_settings(settings, built)

    image = Image(title="Schoolplein")
    image.file.save("schoolplein.jpg", ImageFile(io.BytesIO(jpeg_bytes()), name="schoolplein.jpg"), save=False)
    image.save()
    second = Image(title="Schoolplein, opnieuw")
    second.file.save("schoolplein.jpg", ImageFile(io.BytesIO(jpeg_bytes(50, 50)), name="schoolplein.jpg"))
    assert second.file.name != image.file.name, "an upload with the same name must not overwrite the first"

    rendition = image.get_rendition("width-120")
    assert rendition.url == f"https://media.doneren.example.org/{rendition.file.name}"
    assert {image.file.name, second.file.name, rendition.file.name} <= keys_in_bucket(s3)
    assert "https://media.doneren.example.org" in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]


def test_an_s3_compatible_store_gets_path_style_urls_on_its_own_endpoint(monkeypatch):
    built = settings_from_environment(
        monkeypatch,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL="https://s3.nl-ams.scw.cloud",
        AWS_S3_REGION_NAME="nl-ams",
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",  # noqa: S106
    )
    from storages.backends.s3 import S3Storage

    storage = S3Storage(**built["STORAGES"]["default"]["OPTIONS"])
    url = storage.url("images/klas.width-120.webp")  # made locally: no request to the store
    assert url == f"https://s3.nl-ams.scw.cloud/{BUCKET}/images/klas.width-120.webp"
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    assert origin in built["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]


def test_documents_in_the_bucket_still_go_through_wagtails_view_and_its_privacy(s3, monkeypatch, settings, client, db):
    built = settings_from_environment(
        monkeypatch, MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_S3_REGION_NAME=REGION
    )
    use_media_settings(settings, built)
    from django.core.files.base import ContentFile

    root = Collection.get_first_root_node()
    public = Document(title="Jaarverslag", collection=root)
    public.file.save("jaarverslag.pdf", ContentFile(b"%PDF-1.4 jaarverslag"))
    board = root.add_child(name="Bestuur")
    CollectionViewRestriction.objects.create(collection=board, restriction_type=CollectionViewRestriction.LOGIN)
    private = Document(title="Bestuursnotulen", collection=board)
    private.file.save("notulen.pdf", ContentFile(b"%PDF-1.4 notulen"))
    assert {public.file.name, private.file.name} <= keys_in_bucket(s3)

    response = client.get(public.url)
    assert response.status_code == 200  # streamed by the site, not a redirect to the bucket
    assert b"".join(response.streaming_content) == b"%PDF-1.4 jaarverslag"

    response = client.get(private.url)
    assert response.status_code == 302
    assert BUCKET not in response["Location"]
    assert "login" in response["Location"]


# Production refuses to start with a storage it cannot use.


def manage(*args, **variables):
    leaking = {*PRODUCTION_ENV, *OUR_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in leaking}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**clean, **PRODUCTION_ENV, **variables},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_s3_without_a_bucket():
    result = manage("check", MEDIA_STORAGE="s3", AWS_S3_REGION_NAME=REGION)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the AWS_STORAGE_BUCKET_NAME environment variable" in result.stderr


def test_production_refuses_an_unknown_media_storage():
    result = manage("check", MEDIA_STORAGE="nfs")
    assert result.returncode != 0
    assert "ImproperlyConfigured: MEDIA_STORAGE must be one of local, s3, not 'nfs'" in result.stderr


def test_production_with_a_bucket_passes_the_deploy_checks_and_uses_it():
    variables = {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_CUSTOM_DOMAIN": "media.example.org"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **variables)
    assert result.returncode == 0, result.stdout + result.stderr
    show = "from django.conf import settings as s; print(s.STORAGES['default']['BACKEND'], s.WAGTAILDOCS_SERVE_METHOD)"
    result = manage("shell", "--no-imports", "-c", show, **variables)
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "serve_view"], result.stderr


# Logs: one JSON object per line with LOG_FORMAT=json (the production default), without secrets or e-mail addresses.

EMIT_LOGS = """
import logging
import django
django.setup()
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from django.utils.log import log_response

request = RequestFactory().get("/mijn-donaties/", {"email": "anna@example.org", "token": "t0ken-in-the-query"})
log_response("Not Found: %s", request.path, response=HttpResponseNotFound(), request=request)
logging.getLogger("donations.tasks").warning("Receipt to %s failed with key %s", "anna@example.org", "sk_live_51abc")
try:
    raise ValueError("recipient refused: piet.de.vries@school.example.nl")
except ValueError:
    logging.getLogger("donations.tasks").exception("Sending receipt %s failed", 42)
from django.core import signing
from donations.manage_tokens import SALT
link = RequestFactory().get(f"/mijn-donaties/{signing.dumps({'donor': 7}, salt=SALT)}/portaal/")
log_response("Not Found: %s", link.path, response=HttpResponseNotFound(), request=link)
print(link.path)
"""

# What `celery worker` and `celery beat` do at start-up: set up logging, then tasks and the worker log through it.
EMIT_WORKER_LOGS = """
import logging
import django
django.setup()
from celery.utils.log import get_task_logger
from leerkracht_site.celery import app

app.log.setup(loglevel="INFO")
logging.getLogger("celery.worker.consumer").info("Connected to the broker")
get_task_logger("donations.tasks").warning("Task for anna@example.org retried")
"""


def run_python(code, settings_module, with_stdout=False, **variables):
    leaking = {*PRODUCTION_ENV, *OUR_VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in leaking}
    base = PRODUCTION_ENV if settings_module.endswith("production") else {}
    env = {**clean, **base, "DJANGO_SETTINGS_MODULE": settings_module, **variables}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return (result.stderr, result.stdout) if with_stdout else result.stderr


def json_lines(output):
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines, "nothing was logged"
    records = []
    for line in lines:
        record = json.loads(line)  # every line is one JSON object, tracebacks included
        assert isinstance(record, dict)
        assert {"timestamp", "level", "logger", "message"} <= record.keys(), record
        records.append(record)
    return records


@pytest.mark.parametrize(
    ("settings_module", "variables"),
    [("leerkracht_site.settings.test", {"LOG_FORMAT": "json"}), ("leerkracht_site.settings.production", {})],
    ids=["LOG_FORMAT=json", "production-default"],
)
def test_json_logs_are_one_object_per_line_with_the_request_fields(settings_module, variables):
    output, donor_link = run_python(EMIT_LOGS, settings_module, with_stdout=True, **variables)
    request_log, warning, failure, link_log = json_lines(output)

    assert request_log["level"] == "WARNING"
    assert request_log["logger"] == "django.request"
    assert request_log["message"] == "Not Found: /mijn-donaties/"
    assert request_log["status_code"] == 404
    assert request_log["method"] == "GET"
    assert request_log["path"] == "/mijn-donaties/"
    assert request_log["timestamp"].startswith("20") and "T" in request_log["timestamp"]

    assert warning["logger"] == "donations.tasks"
    assert warning["message"] == "Receipt to [e-mail] failed with key [secret]"
    assert failure["level"] == "ERROR"
    assert failure["message"] == "Sending receipt 42 failed"
    assert "ValueError: recipient refused: [e-mail]" in failure["exc_info"]

    # A "mijn donaties" link opens a donor's gifts for two weeks: its token is not logged.
    token = donor_link.strip().split("/")[2]
    assert token.count(":") == 2 and len(token) > 40  # payload:timestamp:signature
    assert link_log["path"] == "/mijn-donaties/[token]/portaal/"
    assert link_log["message"] == "Not Found: /mijn-donaties/[token]/portaal/"

    for leak in ("anna@example.org", "piet.de.vries", "sk_live_51abc", "t0ken-in-the-query", token):
        assert leak not in output


def test_plain_logs_are_the_default_outside_production_and_mask_addresses_too():
    output = run_python(EMIT_LOGS, "leerkracht_site.settings.test")
    first = output.splitlines()[0]
    assert " WARNING django.request Not Found: /mijn-donaties/" in first
    assert not first.startswith("{")
    assert "Receipt to [e-mail] failed with key [secret]" in output
    assert "anna@example.org" not in output and "piet.de.vries" not in output


def test_production_can_be_told_to_log_plain_lines():
    output = run_python(EMIT_LOGS, "leerkracht_site.settings.production", LOG_FORMAT="plain")
    assert not output.lstrip().startswith("{")
    assert " WARNING django.request Not Found: /mijn-donaties/" in output


def test_an_unknown_log_format_is_refused():
    result = manage("check", LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "ImproperlyConfigured: LOG_FORMAT must be one of plain, json, not 'xml'" in result.stderr


def test_celery_workers_keep_the_json_lines_instead_of_taking_over_the_root_logger():
    output = run_python(EMIT_WORKER_LOGS, "leerkracht_site.settings.production")
    records = json_lines(output)
    assert [(record["logger"], record["message"]) for record in records] == [
        ("celery.worker.consumer", "Connected to the broker"),
        ("donations.tasks", "Task for [e-mail] retried"),
    ]
