""" "Did you mean": the known names nearest a name that is not known."""

from __future__ import annotations


def suggest(name: str, choices) -> str:
    """The known names nearest ``name``, case aside (EMERGENCY.COUNTY_DRILLS is emergency.county_drills)."""
    import difflib  # only when a name is unknown

    choices = list(choices)
    folded = {}
    for choice in choices:
        folded.setdefault(str(choice).lower(), choice)
    close = difflib.get_close_matches(name.lower(), list(folded), n=3, cutoff=0.6)
    return ", ".join(str(folded[c]) for c in close)
