"""Stripe-style API errors: ``{"error": {"type", "message", "param", "code"}}``."""

from __future__ import annotations


class StripeError(Exception):
    """An error the stand-in reports to the client the way Stripe would."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        error_type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.error_type = error_type
        self.param = param
        self.code = code

    def to_body(self) -> dict:
        error = {"type": self.error_type, "message": self.message}
        if self.param is not None:
            error["param"] = self.param
        if self.code is not None:
            error["code"] = self.code
        return {"error": error}


def missing_param(param: str) -> StripeError:
    return StripeError(f"Missing required param: {param}.", param=param, code="parameter_missing")


def invalid_param(param: str, message: str, code: str = "parameter_invalid") -> StripeError:
    return StripeError(message, param=param, code=code)


def unknown_param(param: str) -> StripeError:
    return StripeError(f"Received unknown parameter: {param}", param=param, code="parameter_unknown")


def resource_missing(kind: str, object_id: str, param: str = "id") -> StripeError:
    return StripeError(f"No such {kind}: '{object_id}'", status=404, param=param, code="resource_missing")


def authentication_error(message: str) -> StripeError:
    return StripeError(message, status=401, error_type="authentication_error")
