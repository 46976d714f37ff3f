"""Dates as users type them and as JSON writes them, and UK financial-year quarters."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta

from actionplan.errors import BadDateError

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")

# The dates actionplan handles, in plans and on the command line: wide enough for any
# strategy, narrow enough that its date arithmetic (recurrences, quarters, grace periods,
# up to MAX_DAYS ahead or back) never leaves the years Python's dates can hold.
FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2999, 12, 31)
MAX_DAYS = 36_500  # --within, --stale: a hundred years


def in_range(d: date) -> bool:
    return FIRST_DATE <= d <= LAST_DATE


DATE_RANGE = f"{FIRST_DATE} to {LAST_DATE}"


def parse_date(text: str, what: str = "date") -> date:
    """Parse YYYY-MM-DD strictly: 31/12/2009 and 20091231 are refused."""
    text = text.strip()
    if _ISO.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError as e:
            raise BadDateError(f"bad {what} {text!r}: {e}") from None
        if not in_range(day):
            raise BadDateError(f"bad {what} {text!r}: actionplan handles dates from {DATE_RANGE}")
        return day
    raise BadDateError(f"bad {what} {text!r}: use YYYY-MM-DD, e.g. 2009-12-31")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def looks_like_date(text: str) -> bool:
    return bool(_ISO.fullmatch(text.strip()))


def today() -> date:
    """Today, or $ACTIONPLAN_TODAY when set (for reproducible runs)."""
    env = os.environ.get("ACTIONPLAN_TODAY")
    if env:
        return parse_date(env, "ACTIONPLAN_TODAY")
    return date.today()


def as_of(text: str | None) -> date:
    return parse_date(text, "--as-of date") if text else today()


def fy_quarter(d: date) -> str:
    """UK financial-year quarter label: 2009-10-01 -> 'Q3 2009/10' (April to March)."""
    start_year = d.year if d.month >= 4 else d.year - 1
    quarter = (d.month - 4) % 12 // 3 + 1
    return f"Q{quarter} {start_year}/{(start_year + 1) % 100:02d}"


def quarter_bounds(d: date) -> tuple[date, date]:
    """First and last day of the financial-year quarter that holds d."""
    month0 = ((d.month - 1) // 3) * 3 + 1  # Jan, Apr, Jul, Oct start calendar quarters
    first = date(d.year, month0, 1)
    nxt = date(d.year + (month0 + 3 > 12), (month0 + 3 - 1) % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def next_quarter(d: date) -> tuple[date, date]:
    """The quarter after the one that holds d."""
    _, last = quarter_bounds(d)
    return quarter_bounds(last + timedelta(days=1))
