VENV ?= .venv
PY := $(VENV)/bin/python
TESTS ?=

.PHONY: dev test lint reformat golden

dev:
	python3 -m venv $(VENV) && $(VENV)/bin/pip install -e ".[test]"

test:
	$(PY) -m pytest $(if $(TESTS),-k "$(TESTS)")

lint:
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/mypy

reformat:
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

golden:
	$(PY) -m pytest tests/cli/test_golden.py --update-golden
