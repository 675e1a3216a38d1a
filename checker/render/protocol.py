"""What a format module provides, declared (imported by tests and type checkers, not at run time:
``typing`` costs a one-file check its import).

Every module named in ``checker.render.FORMATS`` is a ``Renderer``; one that sets ``STREAM = True``
is a ``StreamingRenderer`` too, and ``check`` then writes it result by result, keeping none:
``begin`` + every ``piece`` + ``end`` is exactly what ``render`` gives for the same results (a test
holds it)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Renderer(Protocol):
    def render(self, report, ctx) -> str:
        """The whole output for ``report`` (``checker.model.Report``) in ``ctx``'s language, width and
        options (``checker.render.Context``)."""


@runtime_checkable
class StreamingRenderer(Renderer, Protocol):
    STREAM: bool

    def begin(self, report, ctx) -> str:
        """What comes before the first result (a document's opening)."""

    def piece(self, result, index: int, ctx) -> str:
        """One result (``checker.model.SubmissionResult``), the ``index``-th of the run."""

    def end(self, report, ctx, counts: dict | None = None) -> str:
        """What comes after the last result; ``counts``: results by status (pass, fail, error)."""
