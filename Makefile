# Two commands do all set-up on a fresh machine (Python >= 3.11):
#   make run    create .venv if missing, install newsan, analyze seeds/
#   make test   same set-up plus the test, dask and train extras, then make lint, then the test suite
#   make lint   the same set-up, then ruff and mypy only (seconds once mypy's cache is warm)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# camel-tools needs torch; this pin is a CPU build (a plain "torch" pulls a multi-GB CUDA build)
TORCH_SPEC ?= torch==2.13.0

.PHONY: run test lint install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BIN)/.torch: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	touch $@

install: $(BIN)/.torch
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/.torch
	$(BIN)/python -m pip install --quiet -e ".[test,dask,train]"

run: install
	$(BIN)/newsan analyze seeds/

test: lint
	$(BIN)/python -m pytest -q

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .hypothesis .mypy_cache .ruff_cache
