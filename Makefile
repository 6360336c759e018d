# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Local all-in-one: embedded Redis (AOF on, ./var/redis) unless REDIS_URL is set,
# the web skill on PORT (8080) and the scheduler. Request verification is off
# locally unless ALEXA_VERIFY=true is given; the service warns loudly about it.
run: $(STAMP)
	ALEXA_VERIFY=$${ALEXA_VERIFY:-false} $(VENV)/bin/twitch-diary run

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -q

bench: $(STAMP)
	for script in bench/http_load.py; do $(VENV)/bin/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
