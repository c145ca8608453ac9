# Backcare: `make run` sets everything up and serves the app; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1

.DEFAULT_GOAL := help
WORKERS ?= 2

.PHONY: help install install-dev run serve test test-fast lint format content demo lock clean messages

help:
	@echo "make run        set up .venv, npm assets and the database, load the content, serve on http://$(HOST):$(PORT)"
	@echo "                (DEBUG off, as visitors see it; DEBUG=true make run for development)"
	@echo "make test       the whole test suite (DATABASE_URL=postgres://... to run it on PostgreSQL)"
	@echo "make test-fast  the quick part: no browser tests, no fuzzing (about a minute)"
	@echo "make serve      gunicorn + WhiteNoise with DEBUG off (needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL)"
	@echo "make lint       ruff check and format check"
	@echo "make demo       add the user 'demo' with 12 weeks of sessions (then make run and log in)"
	@echo "make lock       refresh requirements/constraints.txt after changing pyproject.toml"
	@echo "make messages   re-extract the German catalogs (locale/de) and compile them (needs gettext)"

# Serving needs only the runtime packages; the test tools (Playwright, hypothesis, ruff...) come
# with make test. Each reinstalls only when the dependency declarations change.
$(BIN)/.installed-runtime: pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e .
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed-runtime
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed-runtime node_modules/.installed

install-dev: install $(BIN)/.installed-dev

content: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_exercises
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_routines
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_lessons

# A secret key for `make run` only, made once on this machine and kept out of git. `make serve`
# never uses it: it needs SECRET_KEY from the environment.
.local-secret-key:
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# DEBUG off unless asked for, as visitors see it: the app's own 404 and 500 pages, never Django's
# debug pages. `DEBUG=true make run` for development. Plain HTTP on this machine: no HTTPS
# redirect, no HTTPS-only cookies, no HSTS; password-reset mail printed here.
run: content .local-secret-key
	DEBUG=$${DEBUG:-false} SECRET_KEY=$${SECRET_KEY:-$$(cat .local-secret-key)} \
		$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DEBUG=$${DEBUG:-false} SECRET_KEY=$${SECRET_KEY:-$$(cat .local-secret-key)} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-false} SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-false} \
	CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-false} SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0} \
	EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend} \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-style: gunicorn + WhiteNoise, DEBUG off. Needs SECRET_KEY, ALLOWED_HOSTS and a
# DATABASE_URL (PostgreSQL) in the environment; see the README's Production section.
serve: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_exercises
	$(BIN)/python manage.py load_routines
	$(BIN)/python manage.py load_lessons
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/gunicorn backcare.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) \
		--logger-class backcare.gunicorn_logging.RedactingLogger --access-logfile - --error-logfile -

demo: content
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py seed_demo

# The suite needs PostgreSQL only with DATABASE_URL, Redis on 127.0.0.1:6379 for the cache tests
# and Debian's chromium for the browser tests (the README says how to get each).
test: install-dev
	node --test tests/js/
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install-dev
	node --test tests/js/
	$(BIN)/python -m pytest -m "not e2e and not fuzz" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The catalogs and their compiled .mo files are both in git, so `make run` needs no gettext.
# After changing a wrapped string: make messages, translate the new entries, make messages again.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=static/vendor --ignore=staticfiles \
	--ignore=tests --ignore=bench --ignore=docs
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l de --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=true $(BIN)/python manage.py makemessages -d djangojs -l de --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	DEBUG=true $(BIN)/python manage.py compilemessages -l de --ignore=.venv --ignore=node_modules

lock:
	rm -rf /tmp/backcare-lock && $(PYTHON) -m venv /tmp/backcare-lock
	/tmp/backcare-lock/bin/python -m pip install --quiet --upgrade pip
	/tmp/backcare-lock/bin/python -m pip install --quiet -e ".[dev]"
	/tmp/backcare-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements/constraints.txt
	rm -rf /tmp/backcare-lock

clean:
	rm -rf $(VENV) node_modules staticfiles
