"""Moved to ``checker.inputs.values``; kept for one release. New code imports from there."""

from checker.inputs.values import *  # noqa: F401,F403
from checker.inputs.values import Parsed, Problem, approx_bounds, as_given, parse_value  # noqa: F401
