# Two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.installed

.PHONY: run test lint bench clean node walkthrough browser wrk

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

# virtual-alexa (tests/virtual_alexa), pinned in package-lock.json; install scripts
# are not needed and not run.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

node: $(NODE_STAMP)

# The report's browser tests (tests/test_report_browser.py) drive Debian's chromium through
# chromium-driver; install both when missing (CI runs as root; elsewhere sudo is used).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

test: $(STAMP) $(NODE_STAMP) browser
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	REPORT_BROWSER_REQUIRED=1 $(VENV)/bin/pytest -q

# bench/http_load.py drives the servers with Debian's wrk (a C load generator in its own
# process, so the load does not share the servers' interpreter); installed when missing.
wrk:
	@command -v wrk >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

bench: $(STAMP) wrk
	for script in bench/http_load.py bench/resilience.py bench/store.py bench/sweep.py bench/nudges.py bench/erasure.py bench/faq_eval.py bench/faq_spoken_eval.py bench/understanding_eval.py; do $(VENV)/bin/python $$script || exit 1; done

# docs/walkthrough.md: a real `chat` session of a new user, from docs/walkthrough.txt.
walkthrough: $(STAMP)
	$(VENV)/bin/python -m devkit.chat.walkthrough docs/walkthrough.txt docs/walkthrough.md

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
