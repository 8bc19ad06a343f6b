"""Time helpers: Unix timestamps and calendar-correct billing periods."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime, timedelta

BILLING_INTERVALS = ("day", "week", "month", "year")


def now() -> int:
    return int(time.time())


def add_interval(timestamp: int, interval: str, count: int = 1) -> int:
    """Move ``timestamp`` forward by ``count`` billing intervals.

    Months and years keep the day of month where possible and otherwise use
    the last day (31 January + 1 month = 28/29 February), as Stripe does.
    """
    moment = datetime.fromtimestamp(timestamp, UTC)
    if interval == "day":
        moment += timedelta(days=count)
    elif interval == "week":
        moment += timedelta(weeks=count)
    elif interval in ("month", "year"):
        months = count if interval == "month" else 12 * count
        month_index = moment.month - 1 + months
        year = moment.year + month_index // 12
        month = month_index % 12 + 1
        day = min(moment.day, calendar.monthrange(year, month)[1])
        moment = moment.replace(year=year, month=month, day=day)
    else:
        raise ValueError(f"Unknown billing interval: {interval}")
    return int(moment.timestamp())
