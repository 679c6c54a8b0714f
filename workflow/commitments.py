"""Toezeggingen and moties: discharging them by a sent letter.

This is the seam the Kamerbrief's sending calls (letters.services.kamerbrief_send), inside its
transaction. The register of toezeggingen and moties (issue 5) fills it in: linked
toezeggingen and moties marked as discharged become voldaan/afgedaan, periodic ones move to
their next occurrence, moties only reported on get a "stand van zaken".
"""

from datetime import date, datetime


def discharge_by_letter(*, kamerbrief, acting, now: datetime) -> None:
    """Afdoen of everything the sent letter discharges. Nothing to do until the register exists."""


def deadlines_discharged_by(kamerbrief) -> list[tuple[str, date | None]]:
    """(description, deadline) of the toezeggingen this letter is to discharge, for warnings."""
    return []
