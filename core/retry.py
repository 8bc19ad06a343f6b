"""How tasks that send e-mail retry.

Mail servers fail with OSError subclasses (smtplib.SMTPException, ConnectionError, TimeoutError); a task that meets
one is tried again up to eight times, with backoff doubling from TASK_RETRY_BACKOFF_SECONDS to at most an hour.
Use as `@shared_task(**MAIL_RETRY)`.
"""

from django.conf import settings

MAIL_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": settings.TASK_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": 3600,
    "max_retries": 8,
}
