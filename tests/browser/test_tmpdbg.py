import pytest
from django.db import connection
from pytest_django.fixtures import _get_databases_for_setup

@pytest.mark.parametrize("i", [1])
@pytest.mark.browser
def test_x(request, i, transactional_db, django_db_serialized_rollback, live_server, new_page):
    print("SER", _get_databases_for_setup(request.session.items), hasattr(connection, "_test_serialized_contents"), connection.settings_dict["NAME"], connection)
