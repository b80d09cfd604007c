"""The ``psychoed`` command: ``app`` parses and dispatches, ``check`` runs ``psychoed check``, ``review``
runs the review commands, ``report`` turns a check's result into text, JSON and GitHub annotations."""

from __future__ import annotations

from psychoed.cli.app import run, run_main

__all__ = ["run", "run_main"]
