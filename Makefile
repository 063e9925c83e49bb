# Two commands do all set-up on a fresh machine (Python >= 3.11):
#   make run    create .venv if missing, install newsan, analyze seeds/
#   make test   same set-up plus the test and dask extras, run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# camel-tools needs torch; this pin is a CPU build (a plain "torch" pulls a multi-GB CUDA build)
TORCH_SPEC ?= torch==2.13.0

.PHONY: run test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(BIN)/.torch: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "$(TORCH_SPEC)"
	touch $@

install: $(BIN)/.torch
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/.torch
	$(BIN)/python -m pip install --quiet -e ".[test,dask]"

run: install
	$(BIN)/newsan analyze seeds/

test: install-test
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .hypothesis
