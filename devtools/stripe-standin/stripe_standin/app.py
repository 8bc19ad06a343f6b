"""The Flask application: Stripe's API, the donor pages and the control API."""

from __future__ import annotations

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from stripe_standin.api import api, error_response
from stripe_standin.control import control
from stripe_standin.core import Standin
from stripe_standin.errors import StripeError
from stripe_standin.pages import pages


def create_app(standin: Standin) -> Flask:
    app = Flask(__name__)
    app.extensions["stripe_standin"] = standin
    app.json.sort_keys = False  # type: ignore[attr-defined]  # keep Stripe's field order
    app.register_blueprint(api)
    app.register_blueprint(control)
    app.register_blueprint(pages)

    @app.errorhandler(StripeError)
    def stripe_error(error: StripeError) -> Response:
        return error_response(error)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response | tuple[str, int]:
        # Routing errors never reach a blueprint, so answer in the caller's language here.
        status = error.code or 500
        if request.path.startswith("/v1/"):
            return error_response(
                StripeError(
                    f"Unrecognized request URL ({request.method}: {request.path}). The offline Stripe "
                    "stand-in only implements the endpoints the giving site uses.",
                    status=404 if status in (404, 405) else status,
                )
            )
        if request.path.startswith("/_standin/"):
            return error_response(StripeError(error.description or error.name, status=status))
        if status == 404:
            return render_template("not_found.html", business_name=standin.settings.business_name), 404
        return error.get_response()

    return app
