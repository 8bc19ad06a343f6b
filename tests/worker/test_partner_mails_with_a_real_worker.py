"""A partnership request's confirmation goes out through a real worker and SMTP server, retried when refused."""

import pytest

from partners.models import PartnershipRequest
from partners.tasks import send_request_confirmation
from tests.factories import PartnershipRequestFactory

from .conftest import wait_for

pytestmark = pytest.mark.worker


def _request():
    return PartnershipRequestFactory(email="bert@fonds.example")


def _confirmations(mail_server):
    return [message for message in mail_server.messages if "bert@fonds.example" in message]


def test_a_refused_confirmation_is_retried_until_it_is_delivered_once(
    django_db_serialized_rollback, celery_worker, mail_server
):
    # Serialized rollback, as the other worker tests: the rows the migrations made come back without a post_migrate.
    mail_server.refuse_next = 2
    partnership = _request()

    send_request_confirmation.delay(partnership.pk)

    assert wait_for(lambda: len(_confirmations(mail_server)) == 1, timeout=60)
    assert mail_server.refuse_next == 0  # both refusals were met, then the retry got through
    assert wait_for(lambda: PartnershipRequest.objects.get().confirmation_sent_at is not None)
    wait_for(lambda: False, timeout=3)
    assert len(_confirmations(mail_server)) == 1
