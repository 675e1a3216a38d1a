"""fazhi-checker: checks rule-of-law government indicator sets against declarative rules."""

__version__ = "0.1.0"
