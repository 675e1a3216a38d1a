"""The seven outcomes a rule can have for a submission, named once.

``Status`` is a ``str`` enum: a member equals, hashes and serialises (JSON, YAML text, f-strings)
as its value, so the public JSON contract reads exactly the strings it always has."""

from __future__ import annotations

import enum


class Status(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    NOT_APPLICABLE = "not_applicable"
    MISSING = "missing"
    ERROR = "error"
    WAIVED = "waived"

    # Python 3.10 formats a mixed-in enum as "Status.PASS"; the value is what every output shows.
    __str__ = str.__str__
    __format__ = str.__format__


#: every status, in the order summaries list them
ALL = tuple(Status)
# The members bound once, for code that runs for every finding: on CPython 3.11 reading
# ``Status.PASS`` goes through the enum class's ``__getattr__`` each time (docs/performance.md).
PASS, FAIL, WARN, NOT_APPLICABLE, MISSING, ERROR, WAIVED = ALL
#: outcomes that need no attention
QUIET = (Status.PASS, Status.NOT_APPLICABLE)
