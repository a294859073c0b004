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

.DEFAULT_GOAL := help
.PHONY: help run test lint format bench check clean

help: ## Show this list
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(INSTALLED) ## Install, migrate, load the demo and start web + worker + beat (Ctrl-C stops all)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --admin-user '$(DEMO_ADMIN_USER)' --admin-password '$(DEMO_ADMIN_PASSWORD)'
	@echo ""
	@echo "  Tapestry is starting (Ctrl-C stops the web server, worker and beat)."
	@echo "  Site:   http://$(HOST):$(PORT)/"
	@echo "  Admin:  http://$(HOST):$(PORT)/admin/"
	@echo "  Login:  $(DEMO_ADMIN_USER) / $(DEMO_ADMIN_PASSWORD)   (development only)"
	@echo "  Health: http://$(HOST):$(PORT)/healthz"
	@echo ""
	PATH="$(abspath $(BIN)):$$PATH" HOST=$(HOST) $(BIN)/honcho --procfile campaign/Procfile.dev --app-root . start --port $(PORT)

test: $(INSTALLED) ## Run the whole test suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(INSTALLED) ## Check style and formatting with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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

clean: ## Remove local state (database, mail, queues); keeps the virtual environment
	rm -rf var media static
