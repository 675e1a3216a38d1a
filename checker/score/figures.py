"""Scores as figures: one rounding rule and one precision for every output of ``fazhi score``.

A score is kept to ``PLACES`` decimals, rounded half up (四舍五入) on the decimal a float names
(``repr``: 72.125 → 72.13, 2.675 → 2.68), never on the binary value behind it (``format(2.675,
".2f")`` is 2.67) nor half to even (``format(72.25, ".1f")`` is 72.2). Two places, because the
finest step of the bundled schemes is a quarter point (``warn: 0.25``): a score of 72.25 is shown
72.25 everywhere, in the terminal, HTML, XLSX, CSV and JSON alike.

``compute`` rounds every score as it makes it (item deductions, area deductions and scores, base,
bonus, total), each from the figures already rounded, so that a scoring sheet adds up as shown
(60 − 27.63 = 32.37) and the grade is given on the very total shown; ``cohort`` rounds the change on
the previous year. The renderers write them with ``text`` (the workbook with ``NUMBER_FORMAT``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PLACES = 2
_STEP = Decimal(1).scaleb(-PLACES)
_NOISE = 9  # decimals a score is exact to before rounding: far below a scheme's steps, far above a float's noise
NUMBER_FORMAT = "0." + "0" * PLACES  # Excel: 72.25, 90.00
SIGNED_FORMAT = f"+{NUMBER_FORMAT};-{NUMBER_FORMAT};{NUMBER_FORMAT}"  # a change: +2.50, -4.25, 0.00


def exact(value) -> Decimal:
    """``value`` rounded half up to ``PLACES`` decimals, as a Decimal. The noise of float arithmetic
    is taken off first (``100 - 27.875`` may come out 72.12499999999999: it is 72.125, so 72.13)."""
    return Decimal(repr(round(float(value), _NOISE))).quantize(_STEP, rounding=ROUND_HALF_UP)


def rounded(value) -> float:
    """``value`` rounded half up to ``PLACES`` decimals, as a float (never a negative zero)."""
    value = float(value)
    if value.is_integer():  # most of a county's ~100 items: 0 deducted, whole points
        return value + 0.0
    return float(exact(value)) + 0.0


def text(value) -> str:
    """A score as shown: ``72.25``, ``90.00``, ``-4.25``; ``0.00``, never ``-0.00``."""
    shown = f"{exact(value):f}"
    return shown[1:] if shown.startswith("-") and exact(value) == 0 else shown
