# One-command set-up: `make run` starts the app, `make test` runs the suite headless.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
DB     ?=

.PHONY: run test test-slow test-reliability lint typecheck bench demo welcome-preview clean bundle deb msi installer-check \
	safety-case sbom

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

# The reliability checks alone (crash trials, faults, recovery, hostile input,
# the app's fault handling); `make test` runs them too.
test-reliability: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/reliability \
		tests/huddle/test_hostile_input.py tests/huddle/test_stateful.py \
		tests/huddle/test_backup.py tests/huddle/services/test_manager_pin.py \
		tests/huddle/services/test_manager_purge.py tests/huddle/test_audit_export.py \
		tests/huddle/store/test_migrations.py tests/ui/test_recovery.py \
		tests/ui/test_session_faults.py tests/ui/pages/test_settings_manager.py

# The gates CI runs before the tests (.ci/run): lint, formatting, types.
LINTED := huddle ui tests benchmarks installer resources
lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)
	$(VENV)/bin/mypy huddle ui

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks.run

demo: $(STAMP)
	$(VENV)/bin/huddle demo --db demo.db --weeks 26

# The welcome page's picture of a huddle (resources/preview/huddle.png), from the sample ward.
welcome-preview: $(STAMP)
	rm -rf build/preview && mkdir -p build/preview
	$(VENV)/bin/huddle demo --db build/preview/sample.db --weeks 26
	$(VENV)/bin/ward-huddle --db build/preview/sample.db --screenshots build/preview --size 1366x768
	QT_QPA_PLATFORM=offscreen $(PY) -c "from PySide6.QtGui import QGuiApplication, QImage; \
		from PySide6.QtCore import Qt; app = QGuiApplication([]); \
		image = QImage('build/preview/huddle-1-safety-yesterday-today-s-risks-days-sinc.png'); \
		image.scaledToWidth(640, Qt.TransformationMode.SmoothTransformation).save('resources/preview/huddle.png')"

# The clinical safety case report (DCB0129) from docs/safety/hazard-log.toml,
# next to the packages. The hazard log's evidence is checked by `make test`.
safety-case: $(STAMP)
	mkdir -p dist
	$(PY) -m huddle.safetycase --log docs/safety/hazard-log.toml \
		--out dist/ward-huddle-$(VERSION)-safety-case.pdf

# Packaging (installer/, docs/deploying.md). `make bundle` always rebuilds;
# `make deb` and `make msi` reuse dist/ward-huddle/ when it is there.
PACKAGE_STAMP := $(VENV)/.package-stamp
BUNDLE        := dist/ward-huddle
VERSION        = $(shell $(PY) -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')

CONSTRAINTS   := installer/constraints.txt

# The bundle is built from the pinned versions (installer/constraints.txt).
$(PACKAGE_STAMP): $(STAMP) $(CONSTRAINTS)
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[package]'
	touch $(PACKAGE_STAMP)

bundle: $(PACKAGE_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller installer/ward-huddle.spec
	$(PY) installer/check_bundle.py $(BUNDLE)

# The software bill of materials (CycloneDX JSON) of what the bundle ships: the
# app and its runtime dependencies at the pinned versions, installed alone in a
# throwaway environment (no test or build tools), written next to the packages
# with each package's licence text, then checked (installer/check_sbom.py).
SBOM_ENV := build/sbom-env
SBOM      = dist/ward-huddle-$(VERSION)-sbom.cdx.json

sbom: $(PACKAGE_STAMP)
	rm -rf $(SBOM_ENV)
	$(PYTHON) -m venv $(SBOM_ENV)
	$(SBOM_ENV)/bin/python -m pip install --quiet -c $(CONSTRAINTS) .
	mkdir -p dist
	$(VENV)/bin/cyclonedx-py environment --pyproject pyproject.toml --of JSON \
		--output-reproducible --gather-license-texts --output-file $(SBOM) \
		$(SBOM_ENV)/bin/python
	$(PY) installer/check_sbom.py $(SBOM)

$(BUNDLE)/huddle:
	$(MAKE) bundle

deb: $(BUNDLE)/huddle
	$(PY) installer/build_deb.py --bundle $(BUNDLE) --out dist --work build/deb

msi: $(BUNDLE)/huddle
	$(PY) installer/build_msi.py --bundle $(BUNDLE) --out dist --work build/msi
	$(PY) installer/check_msi.py dist/ward-huddle-$(VERSION).msi

installer-check: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests/installer
	bash installer/check_deb.sh dist/ward-huddle_$(VERSION)_*.deb

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
