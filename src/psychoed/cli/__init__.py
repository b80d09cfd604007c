"""The ``psychoed`` command: ``app`` parses and dispatches, ``review`` runs the review commands,
``report`` and ``formats`` turn results into text, JSON and GitHub annotations."""

from __future__ import annotations

from psychoed.cli.app import run, run_main

__all__ = ["run", "run_main"]
