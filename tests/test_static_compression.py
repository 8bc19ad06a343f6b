"""collectstatic with production's storage writes every stylesheet hashed, gzipped and Brotli-compressed."""

import gzip
import json

import brotli
from whitenoise import WhiteNoise

from tests.test_production_settings import PRODUCTION_ENV, _manage


def _serve(root, path, accept_encoding):
    """Ask whitenoise (as the production middleware would) for a file in `root`; (status, headers, body)."""
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    app = WhiteNoise(application=None, root=root, prefix="/static/")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_ACCEPT_ENCODING": accept_encoding,
        "wsgi.url_scheme": "https",
        "SERVER_NAME": "doneren.example.org",
        "SERVER_PORT": "443",
    }
    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def test_collectstatic_writes_brotli_and_gzip_next_to_the_hashed_stylesheet(tmp_path):
    result = _manage("collectstatic", "--noinput", env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr

    hashed = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]["css/site.css"]
    css = (tmp_path / hashed).read_bytes()
    assert b"picture" in css
    assert brotli.decompress((tmp_path / f"{hashed}.br").read_bytes()) == css
    assert gzip.decompress((tmp_path / f"{hashed}.gz").read_bytes()) == css
    assert (tmp_path / f"{hashed}.br").stat().st_size < (tmp_path / f"{hashed}.gz").stat().st_size

    status, headers, body = _serve(tmp_path, f"/static/{hashed}", "gzip, deflate, br")
    assert status.startswith("200") and headers["Content-Encoding"] == "br" and brotli.decompress(body) == css
    status, headers, body = _serve(tmp_path, f"/static/{hashed}", "gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == css
