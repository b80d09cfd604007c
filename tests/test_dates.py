"""Review intervals, the build's date and date formats."""

from __future__ import annotations

import datetime as dt

import pytest

from psychoed import Settings
from psychoed.content.dates import add_months, format_date, today


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2022, 6, 22), 36, dt.date(2025, 6, 22)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2024, 11, 15), 2, dt.date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_source_date_epoch_fixes_today() -> None:
    assert today({"SOURCE_DATE_EPOCH": "1655856000"}) == dt.date(2022, 6, 22)


def test_without_epoch_today_is_the_real_date() -> None:
    assert today({}) == dt.date.today()


def test_default_format_is_month_day_year() -> None:
    assert format_date(dt.date(2022, 6, 22), Settings(clinic_name="C")) == "June 22, 2022"


def test_custom_format_and_month_names() -> None:
    months = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")  # fmt: skip
    settings = Settings(clinic_name="C", date_format="{day} {month_name} {year}", month_names=months)
    assert format_date(dt.date(2022, 6, 2), settings) == "2 juin 2022"
