# One-command set-up: `make run` starts the app, `make test` runs the suite headless.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DB     ?=

.PHONY: run test test-slow lint typecheck bench demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/ward-huddle $(if $(DB),--db $(DB),)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m slow

lint: $(STAMP)
	$(VENV)/bin/ruff check huddle ui tests benchmarks
	$(VENV)/bin/mypy huddle

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run

demo: $(STAMP)
	$(VENV)/bin/huddle demo --db demo.db --weeks 26

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
