# blocs: two commands for a fresh machine.
#   make demo   set up, then code the reference article and score it
#   make test   set up, then run the whole test suite (what .ci/run calls)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REFERENCE := examples/russias-new-alliance-in-iraq.txt
GOLD := examples/russias-new-alliance-in-iraq.gold.json

.PHONY: install demo test lint bench bench-ingest bench-memory clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/blocs code $(REFERENCE) --published 2018-09-03 --format table
	@echo
	$(BIN)/blocs eval $(GOLD)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py

bench-ingest: $(STAMP)
	$(BIN)/python benchmarks/ingest.py --docs 2000

bench-memory: $(STAMP)
	$(BIN)/python benchmarks/ingest.py --memory 10000

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
