"""Dates as authors write them: full dates, month-only dates (``2024-07``), and YAML's own date values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt, length in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            d = dt.datetime.strptime(text[:length], fmt).date()
        except ValueError:
            continue
        if fmt == "%Y":  # a year means the end of that year
            return d.replace(month=12, day=31)
        return d
    return None


MONTH_DATE = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")


def log_date(value: Any) -> tuple[dt.date, bool] | None:
    """The date of a log entry and whether it names only a month ("2024-07"); None when it is no date."""
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    if m := MONTH_DATE.match(str(value)):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), 1), True
        except ValueError:
            return None
    try:
        return dt.date.fromisoformat(str(value).strip()), False
    except ValueError:
        return None
