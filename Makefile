# Developer tasks. Everything runs inside .venv, created on first use.
#
#   make venv    create .venv and install falcon with its dev extras (once; re-run on change)
#   make test    every check (scripts/check): ruff, mypy --strict, generated files current,
#                then the whole suite (unit, conformance, end-to-end servers) with coverage
#   make demo    serve examples/demo.py with uvicorn on http://127.0.0.1:8000
#   make lint    ruff over the repository, and the generated files are current
#   make types   mypy --strict over the package and the typed example app of its users
#   make docs    the documentation site into docs/_build/html (warnings are errors)
#   make bench   the benchmarks
#   make fuzz    every fuzz target in fuzz/ for FUZZ_SECONDS (600) each, FUZZ_JOBS (2) at a time
#   make clean   remove caches and build output (make distclean also removes .venv and the
#                C extension the install built)

# The first interpreter that actually runs and is 3.10 or newer (pyenv shims may exist but fail).
PYTHON ?= $(shell for candidate in python3.12 python3.11 python3.10 python3; do \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1 \
	&& { command -v $$candidate; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 2

.PHONY: venv test browser redis-server demo lint types docs bench fuzz clean distclean

venv: $(STAMP)

$(STAMP): pyproject.toml setup.py $(wildcard falcon/core/_fast_*.c falcon/core/_fast_*.h) \
		requirements/integrations.txt
	@test -n "$(PYTHON)" || { echo 'Python 3.10 or newer is required' >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@# uv installs the same packages as pip in about a third of the time; pip does it alone
	@# where uv has no wheel for the platform.
	@# uv keys its cached build of falcon on pyproject.toml and setup.py alone, so falcon is
	@# always rebuilt (a changed C file would otherwise not be compiled).
	if $(BIN)/python -m pip install --quiet uv; then \
	  install="$(BIN)/python -m uv pip install --quiet --python $(BIN)/python"; \
	  rebuild="--reinstall-package falcon"; \
	else \
	  $(BIN)/python -m pip install --quiet --upgrade pip; \
	  install="$(BIN)/python -m pip install --quiet"; \
	  rebuild=; \
	fi; \
	$$install $$rebuild -e '.[dev,integrations,docs]' --config-settings editable_mode=compat && \
	$$install --no-deps -r requirements/integrations.txt
	touch $(STAMP)

test: $(STAMP) browser redis-server
	CHECK_PYTHON=$(BIN)/python scripts/check

# The browser end-to-end test drives Debian's Chromium headless.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } || \
	  echo 'warning: chromium is not installed; the browser test will fail'

# The channels tests run Debian's redis-server on a free loopback port.
redis-server:
	@command -v redis-server >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      redis-server; } || \
	  echo 'warning: redis-server is not installed; the Redis channels tests are skipped'

demo: $(STAMP)
	@echo "Serving the demo at http://$(DEMO_HOST):$(DEMO_PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m uvicorn demo:app --app-dir examples --host $(DEMO_HOST) --port $(DEMO_PORT)

lint: $(STAMP)
	CHECK_PYTHON=$(BIN)/python scripts/check lint generated

types: $(STAMP)
	CHECK_PYTHON=$(BIN)/python scripts/check types

docs: $(STAMP)
	$(BIN)/python -m sphinx -b html -E -W --keep-going -q -j auto docs docs/_build/html
	@echo "The site is in docs/_build/html (index.html)"

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

fuzz: $(STAMP)
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS) --jobs $(FUZZ_JOBS)

clean:
	rm -rf build dist docs/_build .pytest_cache .mypy_cache .ruff_cache .tox .benchmarks *.egg-info \
	  .coverage .coverage.* htmlcov
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
	find falcon -name '*.so' -delete
