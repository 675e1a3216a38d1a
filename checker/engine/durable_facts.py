"""A submission's fact as the JSON text durable-rules reads, written from the fact's row.

The row (``checker.engine.fact``) holds every field of the pack in ``CompiledPack.slots()``
order, None where absent. A ruleset's fact carries the session id, the ruleset's bucket markers,
the fields it reads and, for each comparison of two fields, the sign of their difference where
both are present (``durable_layout.signs``). The text is written directly rather than through
``json.dumps`` of a dict: every name is ours, and every value is an int, a finite float or a bool,
for which ``repr`` writes JSON but for three things the core reads otherwise:

* True and False: no name of ours has a capital letter (``durable_layout.NAME``), so a capital in
  the text is one of them;
* inf and nan (never given: values are validated and terms must be finite) would be written with
  an n, which no name has: refused;
* ``repr`` writes floats below 1e-4 and from 1e16 with an exponent, which the core's parser refuses
  (error 204): no name has an e, so "e+" or "e-" marks such a number, rewritten in positional form.
"""

from __future__ import annotations

import re


class FactWriter:
    """Writes one ruleset's facts: ``encode(row, fact_id)`` -> JSON text."""

    def __init__(self, session_id: str, markers: tuple, fields: tuple, signs: dict, slots: tuple):
        index = {slot: i for i, slot in enumerate(slots)}
        wanted = set(fields)
        self.head = '{"sid":"%s",%s"id":"' % (session_id, "".join(f'"{m}":1,' for m in markers))
        self.items = tuple((index[slot], f',"{slot}":') for slot in slots if slot in wanted)
        self.pairs = tuple((index[a], index[b], f',"{name}":') for (a, b), name in signs.items())

    def write(self, row: list, fact_id: str) -> str:
        """The fact's text as ``repr`` writes its values: the session id, the markers, the fields it
        reads and the signs of its pairs."""
        parts = [self.head, fact_id, '"']
        add = parts.append
        for i, key in self.items:
            value = row[i]
            if value is not None:
                add(f"{key}{value!r}")
        for i, j, key in self.pairs:
            a, b = row[i], row[j]
            if a is not None and b is not None:
                add(f"{key}{(a > b) - (a < b)}")
        add("}")
        return "".join(parts)

    def encode(self, row: list, fact_id: str) -> str:
        """The fact's JSON, as the core reads it."""
        text = self.write(row, fact_id)
        if "T" in text or "F" in text:
            text = text.replace("True", "true").replace("False", "false")
        if "n" in text:
            raise ValueError("a value is not a finite number")
        return positional(text)


def positional(text: str) -> str:
    """JSON text with its numbers written with an exponent in positional form, the same number:
    the core's parser refuses exponents (error 204). Only numbers in our JSON can hold "e+" or "e-"."""
    if "e-" not in text and "e+" not in text:
        return text
    from decimal import Decimal  # rare: not imported by a run that never needs it

    return re.sub(r"-?\d+(?:\.\d+)?e[-+]\d+", lambda m: format(Decimal(m.group()), "f"), text)
