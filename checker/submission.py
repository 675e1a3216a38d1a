"""Moved to ``checker.inputs`` (model, decode, structured, dispatch); kept for one release so that
code importing the old names still runs. New code imports from ``checker.inputs``."""

from checker.inputs.decode import MAX_BYTES, decode, read_text  # noqa: F401
from checker.inputs.dispatch import REPORT_SUFFIXES, read_input  # noqa: F401
from checker.inputs.model import LEVELS, TOP_FIELDS, YEARS, Submission, Value, published_after_year  # noqa: F401
from checker.inputs.structured import build, load_mapping, load_submission, parse_text  # noqa: F401
