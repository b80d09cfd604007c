"""Dates: review intervals, the date a build runs on, and how dates are shown."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Mapping

from psychoed.settings.model import Settings


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus whole calendar months, clamped to the month's last day, and to the
    last date Python holds (31 December 9999) rather than overflowing.

    Hand-written because it is a few lines; python-dateutil's relativedelta does
    the same but would be a dependency for this alone.
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    """The date a build or check runs on.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds
    convention MkDocs also follows) fixes it, so a rebuild of the same commit
    shows the same "overdue" notices.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def format_date(value: dt.date, settings: Settings) -> str:
    """A date as readers see it, e.g. "June 22, 2022" with the default format."""
    return settings.date_format.format(
        year=value.year,
        month=value.month,
        month_name=settings.month_names[value.month - 1],
        day=value.day,
    )
