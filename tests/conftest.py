import io

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The whole demo tree, as `manage.py load_demo_content` builds it."""
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def home_page(demo_site):
    from pages.models import HomePage

    return HomePage.objects.get()
