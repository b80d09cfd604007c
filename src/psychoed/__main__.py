"""``python -m psychoed``: the same as the ``psychoed`` command."""

from __future__ import annotations

from psychoed.cli.app import run_main

if __name__ == "__main__":
    run_main()
