"""When a request that nobody has contacted yet needs a reminder to staff."""

from django.utils import timezone

from .models import RequestStatus
from .workdays import add_working_days, is_working_day

REMINDER_AFTER_WORKING_DAYS = 3


def reminder_due_from(partnership):
    """The first day a still-new request is reminded: three working days after the (Dutch) day it came in."""
    return add_working_days(timezone.localdate(partnership.created_at), REMINDER_AFTER_WORKING_DAYS)


def needs_reminder(partnership, today):
    """Reminders go out on working days only, and at most once a day per request."""
    return (
        partnership.status == RequestStatus.NEW
        and is_working_day(today)
        and today >= reminder_due_from(partnership)
        and partnership.last_reminder_sent_on != today
    )
