# The two commands: `make run` (the site with demo content) and `make test` (the whole test suite).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint install migrate demo clean

# The development and test set (requirements/dev.txt): production's pins, the test tools and the Stripe stand-in.
# Production installs requirements/production.txt instead (docs/deploy.md).
$(STAMP): requirements/dev.txt requirements/production.txt pyproject.toml devtools/stripe-standin/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content --with-admin

## Run the site with demo content on http://127.0.0.1:8000 (admin at /admin/), SQLite, no external services.
## Every line is in the settings' TIME_ZONE (TZ for honcho's own clock and the stand-in's). Ctrl-C or a SIGTERM stops
## every process and ends without an error; a process that stops by itself still stops the others and fails the run.
run: demo
	@echo "TZ=Europe/Amsterdam $(BIN)/honcho -f Procfile.dev start"; \
	TZ=Europe/Amsterdam $(BIN)/honcho -f Procfile.dev start & \
	trap 'wait $$!; exit 0' INT; trap 'kill -TERM $$!; wait $$!; exit 0' TERM; \
	wait $$!

## Run every test: unit and HTTP tests, then the browser tests (Debian chromium), also when the first failed.
test: install
	$(BIN)/ruff check .
	@unit=0; browser=0; \
	echo "$(BIN)/pytest -n 2 -p no:cacheprovider"; \
	$(BIN)/pytest -n 2 -p no:cacheprovider || unit=$$?; \
	echo "$(BIN)/pytest -m browser -p no:cacheprovider"; \
	$(BIN)/pytest -m browser -p no:cacheprovider || browser=$$?; \
	if [ $$unit -ne 0 ] || [ $$browser -ne 0 ]; then \
		echo "make test: failed (unit and HTTP tests: exit $$unit, browser tests: exit $$browser)"; exit 1; \
	fi

test-fast: install
	$(BIN)/pytest -n 2 -p no:cacheprovider

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var db.sqlite3 artifacts devtools/stripe-standin/*.egg-info
