# psychoed: two commands do everything on a fresh machine.
#   make site   create .venv, install, build site/
#   make test   create .venv, install, run every test
# Material prints a notice about MkDocs 2 on every build; the README gives the plan.
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve lint typecheck validate check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/psychoed validate

# Review dates, reading level and links, as pull requests are checked.
check: $(STAMP)
	$(BIN)/psychoed check

# Speed of `psychoed check` on 1,000 generated articles (see bench/check.py).
bench: $(STAMP)
	$(BIN)/python bench/check.py

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/ruff format --check src hooks tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# tools/chromium.sh finds (or, as root on Debian, installs) the Chromium the browser tests drive.
test: lint typecheck
	chromium="$$(bash tools/chromium.sh)" && CHROMIUM="$$chromium" $(BIN)/python -m pytest

clean:
	rm -rf site $(VENV)
