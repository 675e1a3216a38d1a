"""Cohort scoring: schemes, arithmetic, ranking, scoring sheets and reports."""
