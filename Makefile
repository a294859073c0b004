# Thin wrappers around the project's commands; see README.md.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
DEMO_ADMIN_USER ?= admin
DEMO_ADMIN_PASSWORD ?= tapestry-demo
# Installed once per change of pyproject.toml; delete .venv to start afresh.
INSTALLED := $(VENV)/.installed
# pytest-xdist workers for test-fast and for the parallel part of test: `auto` is one per
# CPU core; 0 runs them in this one process. Each file's tests stay together on one worker
# (loadfile), so a module's demo is loaded once, as in a serial run.
TEST_WORKERS ?= auto

# Python keeps compiled modules, and pytest its rewritten test modules, in __pycache__
# folders (ignored by git). An environment that forbids it (PYTHONDONTWRITEBYTECODE) makes
# every process compile the project and its test modules again: 22 s of collecting the
# suite here, against 5.5 s with the folders kept. Allowed for whatever make runs.
export PYTHONDONTWRITEBYTECODE :=

.DEFAULT_GOAL := help
.PHONY: help run test test-fast lint format bench soak check clean

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(INSTALLED) ## Install, migrate, load the demo and start web + worker + beat (Ctrl-C stops all)
	$(BIN)/python manage.py compile_translations
	PORT=$(PORT) HOST=$(HOST) $(BIN)/python manage.py migrate --noinput
	PORT=$(PORT) HOST=$(HOST) $(BIN)/python manage.py load_demo --admin-user '$(DEMO_ADMIN_USER)' --admin-password '$(DEMO_ADMIN_PASSWORD)'
	@echo "  Starting web, worker and beat; the addresses follow once the site answers."
	@PORT=$(PORT) HOST=$(HOST) $(BIN)/python -m campaign.devrun --host $(HOST) --port $(PORT) --login '$(DEMO_ADMIN_USER):$(DEMO_ADMIN_PASSWORD)'

test: $(INSTALLED) ## Run the whole test suite: all but the serial tests in parallel, then those alone (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(BIN)/python -m tests.support.suite_parts $(TEST_WORKERS) $(PYTEST_ARGS)

test-fast: $(INSTALLED) ## The suite without tests marked slow (the demo, live servers, processes, browser, fuzzing), in parallel
	$(BIN)/python -m pytest -m "not slow" -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(INSTALLED) ## Check style and formatting (ruff) and the direction of imports (import-linter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(INSTALLED) ## Fix what ruff can fix
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(INSTALLED) ## Django system checks, migrations up to date, deploy checklist
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	env SECRET_KEY=check-only-$$(printf '%064d' 0) ALLOWED_HOSTS=tapestry.example \
		DATABASE_URL=postgres://user@127.0.0.1:5432/check REDIS_URL=redis://127.0.0.1:6379/0 \
		EMAIL_HOST=127.0.0.1 TAPESTRY_BASE_URL=https://tapestry.example TAPESTRY_TRUSTED_PROXY_HOPS=1 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING --settings=campaign.settings.production

bench: $(INSTALLED) ## Run the benchmarks (BENCH_SIZE=tiny for a smoke run)
	@if [ -d tests/benchmarks ] && ls tests/benchmarks/bench_*.py >/dev/null 2>&1; then \
		for script in tests/benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done; \
	else echo "No benchmarks yet."; fi

soak: $(INSTALLED) ## Run `make run` fresh under mixed traffic for SOAK_MINUTES (default 30) and report
	env -u DATABASE_URL -u REDIS_URL -u CELERY_BROKER_URL SOAK_MINUTES=$(or $(SOAK_MINUTES),30) \
		$(BIN)/python tests/benchmarks/soak.py

clean: ## Remove local state (database, mail, queues); keeps the virtual environment
	rm -rf var media static
