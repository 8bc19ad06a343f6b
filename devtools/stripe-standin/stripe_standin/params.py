"""Reading Stripe's form-encoded parameters.

The official client sends nested parameters as bracketed keys, e.g.
``line_items[0][price_data][recurring][interval]=month`` and
``metadata[donation_id]=42``; arrays always carry an index and booleans are
sent as ``true``/``false``. These helpers turn that into dicts and lists and
check values with Stripe's error messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from stripe_standin.errors import StripeError, invalid_param, missing_param, unknown_param

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")

# Free-form hashes whose keys are chosen by the caller and may look like indices.
_FREE_FORM_HASHES = {"metadata"}

METADATA_MAX_KEYS = 50
METADATA_MAX_KEY_LENGTH = 40
METADATA_MAX_VALUE_LENGTH = 500


def parse_form(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Turn ``(bracketed key, value)`` pairs into nested dicts and lists."""
    root: dict[str, Any] = {}
    for raw_key, value in pairs:
        match = _KEY.match(raw_key)
        if match is None:
            raise invalid_param(raw_key, f"Invalid parameter name: {raw_key}")
        parts = [match.group(1), *_BRACKETED.findall(match.group(2))]
        node = root
        for part in parts[:-1]:
            key = part if part != "" else str(len(node))
            child = node.get(key)
            if not isinstance(child, dict):
                child = node[key] = {}
            node = child
        last = parts[-1] if parts[-1] != "" else str(len(node))
        node[last] = value
    return _indexed_hashes_to_lists(root)


def _indexed_hashes_to_lists(node: Any, key: str | None = None) -> Any:
    if not isinstance(node, dict):
        return node
    converted = {k: _indexed_hashes_to_lists(v, k) for k, v in node.items()}
    if key not in _FREE_FORM_HASHES and converted and all(k.isdigit() for k in converted):
        return [converted[k] for k in sorted(converted, key=int)]
    return converted


def reject_unknown(params: Mapping[str, Any], allowed: Iterable[str], prefix: str = "") -> None:
    allowed_names = set(allowed)
    for name in params:
        if name not in allowed_names:
            raise unknown_param(f"{prefix}[{name}]" if prefix else name)


def as_dict(value: Any, param: str) -> dict[str, Any]:
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise invalid_param(param, "Invalid object", code="parameter_invalid_object")
    return value


def as_list(value: Any, param: str) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        # An explicit, sparse index such as line_items[1] without line_items[0].
        raise invalid_param(param, "Invalid array", code="parameter_invalid_array")
    if not isinstance(value, list):
        return [value]
    return value


def as_str(
    value: Any,
    param: str,
    *,
    required: bool = False,
    max_length: int | None = None,
    choices: Iterable[str] | None = None,
) -> str | None:
    if value is None or value == "":
        if required:
            raise missing_param(param)
        return None
    if not isinstance(value, str):
        raise invalid_param(param, f"Invalid string: {value!r}", code="parameter_invalid_string")
    if max_length is not None and len(value) > max_length:
        raise invalid_param(
            param,
            f"Invalid string: {value[:20]}...; must be at most {max_length} characters",
            code="parameter_invalid_string_too_long",
        )
    if choices is not None:
        options = list(choices)
        if value not in options:
            listed = ", ".join(options[:-1]) + f", or {options[-1]}" if len(options) > 1 else options[0]
            raise invalid_param(param, f"Invalid {param}: must be one of {listed}")
    return value


def as_int(value: Any, param: str, *, required: bool = False, minimum: int | None = None) -> int | None:
    if value is None or value == "":
        if required:
            raise missing_param(param)
        return None
    text = str(value).strip()
    if not re.fullmatch(r"-?\d+", text):
        raise invalid_param(param, f"Invalid integer: {value}", code="parameter_invalid_integer")
    number = int(text)
    if minimum is not None and number < minimum:
        raise invalid_param(
            param,
            f"This value must be greater than or equal to {minimum}.",
            code="parameter_invalid_integer",
        )
    return number


def as_bool(value: Any, param: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise invalid_param(param, f"Invalid boolean: {value}", code="parameter_invalid_boolean")


def as_metadata(value: Any, param: str = "metadata") -> dict[str, str] | None:
    """Validate a metadata hash; ``None`` means "not given", ``{}`` means "clear it"."""
    if value is None:
        return None
    if value == "":
        return {}
    if not isinstance(value, dict):
        raise invalid_param(param, "Invalid hash", code="parameter_invalid_object")
    if len(value) > METADATA_MAX_KEYS:
        raise invalid_param(param, f"You can have at most {METADATA_MAX_KEYS} metadata keys.")
    for key, item in value.items():
        if len(key) > METADATA_MAX_KEY_LENGTH:
            raise invalid_param(
                f"{param}[{key}]",
                f"Metadata keys can be a maximum of {METADATA_MAX_KEY_LENGTH} characters.",
            )
        if not isinstance(item, str):
            raise invalid_param(f"{param}[{key}]", "Metadata values must be strings.")
        if len(item) > METADATA_MAX_VALUE_LENGTH:
            raise invalid_param(
                f"{param}[{key}]",
                f"Metadata values can have up to {METADATA_MAX_VALUE_LENGTH} characters, "
                f"but you passed in a value that is {len(item)} characters.",
            )
    return dict(value)


def merge_metadata(current: Mapping[str, str], update: Mapping[str, str] | None) -> dict[str, str]:
    """Apply a metadata update: an empty hash clears, an empty value removes a key."""
    if update is None:
        return dict(current)
    if not update:
        return {}
    merged = dict(current)
    for key, value in update.items():
        if value == "":
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def require_one_of(params: Mapping[str, Any], names: list[str]) -> None:
    if not any(params.get(name) not in (None, "") for name in names):
        raise StripeError(
            "One of the following params should be provided for this request: " + " or ".join(names) + ".",
            code="parameter_missing",
        )
