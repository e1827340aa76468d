# Heard: `make demo` runs it with demo data; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/heard
HOST ?= 127.0.0.1
PORT ?= 8000
AXE := frontend/node_modules/axe-core/axe.min.js
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test venv venv-dev lint security typecheck migrations-check i18n-check messages gettext test-sqlite test-postgres test-faults test-browser browser axe bench serve worker clean

$(VENV)/.runtime: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	@touch $@

venv: $(VENV)/.runtime
venv-dev: $(VENV)/.dev

## demo: set up, load the Trafford demo data into var/heard.sqlite3 and serve on http://127.0.0.1:8000
demo: venv
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py demo_load --url http://$(HOST):$(PORT)
	@echo "Serving Heard at http://$(HOST):$(PORT)/ with a background task worker (Ctrl+C stops both)."
	@$(PY) manage.py run_worker --no-startup-delay & worker=$$!; \
	 trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 $(PY) manage.py runserver $(HOST):$(PORT) --noreload

## test: lint, types, migrations, the suite on SQLite and PostgreSQL, and the browser tests
test: venv-dev browser lint security typecheck migrations-check i18n-check test-sqlite test-postgres test-faults test-browser
	@echo "All checks passed."

lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

## security: bandit over Heard's code; medium or worse fails unless reviewed in bandit-baseline.json
security: venv-dev
	$(VENV)/bin/bandit -c pyproject.toml -q -r . --severity-level medium -b bandit-baseline.json

typecheck: venv-dev
	$(VENV)/bin/mypy .

migrations-check: venv-dev
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=heard.settings.test $(PY) manage.py makemigrations --check --dry-run

## i18n-check: every public string translated in every language, placeholders intact, the .mo
## files compiled from the .po files, and the catalogues up to date with the code (README "Languages")
i18n-check: venv-dev gettext
	$(PY) scripts/i18n_check.py

## messages: bring the public catalogues up to date with the code, then compile them (translate the
## new entries in between and run it again)
I18N_APPS := core website consultations engagement outcomes
I18N_LANGUAGES := cy pl ur pa
messages: venv-dev gettext
	@for app in $(I18N_APPS); do \
	   (cd $$app && mkdir -p locale && DJANGO_SETTINGS_MODULE=heard.settings.test DATABASE_URL=sqlite:///:memory: \
	    ../$(PY) ../manage.py makemessages $(addprefix -l ,$(I18N_LANGUAGES)) --add-location file --no-obsolete -i "tests/*" -v 0 && \
	    DJANGO_SETTINGS_MODULE=heard.settings.test DATABASE_URL=sqlite:///:memory: ../$(PY) ../manage.py compilemessages -v 0) || exit 1; \
	 done

## gettext: GNU gettext (xgettext, msgfmt) for makemessages and compilemessages (installed when missing)
gettext:
	@if ! command -v xgettext >/dev/null || ! command -v msgfmt >/dev/null; then \
	   echo "Installing Debian gettext for the translation catalogues"; \
	   if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
	   else sudo apt-get update -qq && sudo apt-get install -y -qq gettext >/dev/null; fi; \
	 fi

test-sqlite: venv-dev
	$(VENV)/bin/pytest -m "not browser" -n 2 -q

test-postgres: venv-dev
	@if $(PY) scripts/pg_ready.py "$(PG_URL)"; then \
	   DATABASE_URL="$(PG_URL)" $(VENV)/bin/pytest -m "not browser" -n 2 -q --ignore-glob="heard_text/*"; \
	 elif [ "$$CI" = "true" ]; then echo "PostgreSQL is not reachable at $(PG_URL): CI needs it." >&2; exit 1; \
	 else echo "SKIPPED: PostgreSQL is not reachable at $(PG_URL) (set PG_URL, or start it)."; fi

## test-faults: kill -9 real web and worker processes mid-work on PostgreSQL (database heard_faults):
## every acknowledged response stored once, every task finished or failed with a reason
test-faults: venv-dev
	@if $(PY) scripts/pg_ready.py "$(PG_URL)"; then \
	   HEARD_FAULTS_PG_URL="$(PG_URL)" $(VENV)/bin/pytest -m faults -q heard/tests/test_faults.py; \
	 elif [ "$$CI" = "true" ]; then echo "PostgreSQL is not reachable at $(PG_URL): CI needs it." >&2; exit 1; \
	 else echo "SKIPPED: PostgreSQL is not reachable at $(PG_URL) (set PG_URL, or start it)."; fi

## test-browser: the Playwright tests, two at a time; the tests on the demo share a worker, which
## loads the demo once (conftest.py `demo`)
test-browser: venv-dev browser axe
	$(VENV)/bin/pytest -m browser -n 2 --dist loadgroup -q

## axe: axe-core for the accessibility checks, from frontend/package-lock.json (npm; CI needs it)
axe: $(AXE)

$(AXE): frontend/package-lock.json
	@if command -v npm >/dev/null; then \
	   npm ci --prefix frontend --no-audit --no-fund && touch $@; \
	 elif [ "$$CI" = "true" ]; then echo "npm is missing: the accessibility checks need axe-core (apt-get install npm)." >&2; exit 1; \
	 else echo "SKIPPED: npm is not installed, so the accessibility checks will skip (apt-get install npm, then make axe)."; fi

## browser: Debian's chromium for the Playwright tests (installed when missing)
browser:
	@if ! command -v chromium >/dev/null; then \
	   echo "Installing Debian chromium for the browser tests"; \
	   if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	   else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; \
	 fi
	@command -v chromium >/dev/null || { echo "chromium is missing: the browser tests need it." >&2; exit 1; }

clean:
	rm -rf $(VENV) var
