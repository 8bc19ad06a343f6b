"""core is the ground floor: it imports no other app of the site, and the apps import nothing from backoffice."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PROJECT_PACKAGES = {path.parent.name for path in BASE_DIR.glob("*/__init__.py")} - {"tests"}


def _imported_packages(folder):
    """(file, top-level package) for every import in the Python files under `folder`."""
    for path in sorted((BASE_DIR / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                yield path.relative_to(BASE_DIR), name.partition(".")[0]


def test_core_imports_no_other_app_of_the_site():
    assert "core" in PROJECT_PACKAGES and "donations" in PROJECT_PACKAGES
    upward = [(str(path), package) for path, package in _imported_packages("core") if package in PROJECT_PACKAGES]
    assert [(path, package) for path, package in upward if package != "core"] == []


@pytest.mark.parametrize("app", ["campaigns", "donations", "partners", "pages"])
def test_the_apps_import_nothing_from_backoffice(app):
    assert [str(path) for path, package in _imported_packages(app) if package == "backoffice"] == []
