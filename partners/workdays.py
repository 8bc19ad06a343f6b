"""Dutch working days: Monday to Friday, except the public holidays the `holidays` package lists for NL."""

from datetime import date, timedelta
from functools import cache


@cache
def _dutch_holidays():
    # Imported on first use: the package loads every country it knows (some 400 modules, 17 MB of each process), and
    # only the reminder task counts working days (in the Celery worker); the web process never does.
    import holidays

    # Fills in each year the first time a date in it is looked up.
    return holidays.country_holidays("NL")


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays()


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start`; `start` itself never counts, whatever day it is."""
    day = start
    remaining = count
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=offset)))
