# Two entry points that work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := $(firstword $(wildcard ../shared/corpus/syria-withdrawal.txt) examples/syria-withdrawal.txt)
CORPUS := $(firstword $(wildcard ../shared/corpus) examples)

.PHONY: install demo test quick bench browser serve clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,ray,parquet]'
	touch $(STAMP)

demo: install
	@mkdir -p out
	$(BIN)/newsgraph analyze $(EXAMPLE) -o out/syria-withdrawal.json --summary
	$(BIN)/newsgraph ingest $(CORPUS) --db newsgraph.db
	$(BIN)/newsgraph query actors --db newsgraph.db --limit 8
	$(BIN)/newsgraph query search withdrawal --db newsgraph.db --limit 5
	$(BIN)/newsgraph stories --db newsgraph.db --limit 5
	$(BIN)/newsgraph story S1 --db newsgraph.db --limit 12
	@echo
	@echo "Read it in a browser: $(BIN)/newsgraph serve --db newsgraph.db   (then open http://127.0.0.1:8765/)"

# The web UI over the demo store (blocks until Ctrl-C).
serve: install
	$(BIN)/newsgraph serve --db newsgraph.db

# Debian's chromium for the browser tests (skipped, with the reason, without it).
browser:
	bash tools/install_browser.sh

# Every test, the slow ones included (Ray, browser, kill/resume, the whole PolNeAR dev set).
test: install
	$(BIN)/python -m pytest -q

# The quick loop while working: the tests not marked slow.
quick: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out build test-artifacts src/*.egg-info newsgraph.db newsgraph.db-wal newsgraph.db-shm newsgraph.db.runs newsgraph.db.lock
