# Lianxin — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo migrate test test-fast lint check bench loadtest messages clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed  ## create .venv and install the pinned dependencies

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate  ## load the 焦作市 demo (idempotent)
	$(PY) manage.py load_demo

# The background-task worker (large exports) runs beside the server and stops with it; it does
# not reload on code changes (an orphaned reloader child would go on running old code).
run: demo  ## migrate the SQLite database, load the demo, serve http://127.0.0.1:8000 with its task worker
	@echo "打开 http://$(HOST):$(PORT)/ ，用上面的演示账号登录。按 Ctrl+C 停止。"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install  ## the whole suite (SQLite unless DATABASE_URL is set)
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check lianxin bench

check: install  ## what CI checks before the tests: lint, format, committed migrations, import layers
	$(VENV)/bin/ruff check lianxin bench
	$(VENV)/bin/ruff format --check lianxin bench
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

bench: install  ## load all of Henan and time the main pages; writes bench/results.json
	$(PY) bench/run.py

loadtest: install  ## the main pages under load (gunicorn + locust) beside a bare view; writes bench/results.json
	$(PY) bench/loadtest.py

messages: install  ## recompile the English translations after editing locale/en/.../django.po
	cd lianxin && ../$(PY) ../manage.py compilemessages -l en

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
