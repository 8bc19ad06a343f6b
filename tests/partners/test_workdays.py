from datetime import date

from partners.workdays import add_working_days, is_working_day, working_days_between


def test_weekends_and_dutch_public_holidays_are_not_working_days():
    assert is_working_day(date(2026, 3, 6))  # Friday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert not is_working_day(date(2026, 4, 27))  # Koningsdag, a Monday
    assert not is_working_day(date(2026, 12, 25))  # Eerste Kerstdag
    assert not is_working_day(date(2027, 1, 1))  # Nieuwjaarsdag


def test_counting_starts_the_day_after_and_skips_days_off():
    assert add_working_days(date(2026, 3, 6), 3) == date(2026, 3, 11)  # Friday → Wednesday
    assert add_working_days(date(2026, 3, 7), 3) == date(2026, 3, 11)  # Saturday → Wednesday
    assert add_working_days(date(2026, 4, 23), 3) == date(2026, 4, 29)  # across Koningsdag
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 29)  # across Christmas


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 11)) == 3
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 6
