# psychoed: two commands do everything on a fresh machine.
#   make site   create .venv, install the runtime dependencies, build site/
#   make test   create .venv, install the runtime and test dependencies, run every test
# Material prints a notice about MkDocs 2 on every build; the README gives the plan.
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Each command installs only what it needs: building and previewing the site need the
# runtime dependencies; the test tools (Playwright, axe, mypy, ruff, ...) come with `make test`.
RUNTIME := $(VENV)/.installed-runtime
TEST_TOOLS := $(VENV)/.installed-test
LIGHTHOUSE := tools/npm/node_modules/.package-lock.json

.PHONY: site test serve lint typecheck validate check bench scale clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_TOOLS): pyproject.toml $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Lighthouse (tests/site/test_lighthouse.py, bench/scale.py) comes from npm, pinned in tools/npm/package-lock.json.
$(LIGHTHOUSE): tools/npm/package-lock.json
	@command -v npm >/dev/null || { echo "make test needs Node.js and npm for Lighthouse (Debian: apt install npm)" >&2; exit 1; }
	npm ci --prefix tools/npm --no-audit --no-fund --loglevel=error
	touch $@

site: $(RUNTIME)
	$(BIN)/mkdocs build --strict

serve: $(RUNTIME)
	$(BIN)/mkdocs serve --dirty

validate: $(RUNTIME)
	$(BIN)/psychoed validate

# Review dates, reading level and links, as pull requests are checked.
check: $(RUNTIME)
	$(BIN)/psychoed check

# Speed of `psychoed check` on 1,000 generated articles (see bench/check.py).
bench: $(RUNTIME)
	$(BIN)/python bench/check.py

# psychoed side by side with plain Material at 1,000 and 10,000 articles (see bench/scale.py; about 40 minutes),
# with the browser (search, Lighthouse) rows that need the test tools.
scale: $(TEST_TOOLS) $(LIGHTHOUSE)
	chromium="$$(bash tools/chromium.sh)" && CHROMIUM="$$chromium" $(BIN)/python bench/scale.py --articles 1000 10000 --runs 3 --links

lint: $(TEST_TOOLS)
	$(BIN)/ruff check src hooks tests bench tools
	$(BIN)/ruff format --check src hooks tests bench tools

typecheck: $(TEST_TOOLS)
	$(BIN)/mypy

# tools/chromium.sh finds (or, as root on Debian, installs) the Chromium the browser tests drive.
test: lint typecheck $(LIGHTHOUSE)
	chromium="$$(bash tools/chromium.sh)" && CHROMIUM="$$chromium" $(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) tools/npm/node_modules
