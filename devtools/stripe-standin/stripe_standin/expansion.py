"""``expand[]``: replacing ids in a response by the objects they name."""

from __future__ import annotations

import copy
from typing import Any

from stripe_standin.store import Store


def expand(store: Store, obj: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """Return a copy of ``obj`` with each dotted path (``subscription.latest_invoice``) expanded.

    Paths that do not name an id the stand-in knows are left as they are.
    """
    result = copy.deepcopy(obj)
    with store.lock:
        for path in paths:
            _expand(store, result, [part for part in path.split(".") if part])
    return result


def _expand(store: Store, node: Any, parts: list[str]) -> None:
    if not isinstance(node, dict) or not parts:
        return
    key, rest = parts[0], parts[1:]
    if key == "data" and node.get("object") == "list":
        for entry in node["data"]:
            _expand(store, entry, rest)
        return
    value = node.get(key)
    if isinstance(value, str) and value in store.objects:
        value = node[key] = copy.deepcopy(store.objects[value])
    _expand(store, value, rest)
