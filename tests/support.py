"""Helpers the tests share."""

from datetime import datetime
from zoneinfo import ZoneInfo

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int = 10, month: int = 12, year: int = 2023) -> datetime:
    """A moment in Amsterdam time, by default in December 2023 (the seed case's month)."""
    return datetime(year, month, day, hour, tzinfo=AMS)
