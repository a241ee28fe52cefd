# The two commands a user needs:  make run   (set-up, bring the warehouse up to date, start the app)
#                                  make test  (set-up, the whole test suite)
PY := .venv/bin/python
DB := data/warehouse.duckdb
# The analysts' own documents (python -m etl add, the Documents page): always built with seeds/.
CORPUS ?= data/corpus
export CORPUS_DIR := $(CORPUS)
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: setup build run test bench bench-dashboard evaluate clean

setup:
	@bash scripts/setup.sh

build: setup
	@mkdir -p $(CORPUS)
	$(PY) -m etl build --docs seeds $(CORPUS) --db $(DB)

# Every start brings the warehouse up to date with seeds/ and the corpus (documents dropped into
# data/corpus by hand included); unchanged documents come from the cache, so this takes seconds.
# A file that cannot be read (exit status 1) is listed by the build and on the Documents page but
# does not keep the app from starting; a usage problem (status 2) does.
run: setup
	@mkdir -p $(CORPUS)
	$(PY) -m etl build --docs seeds $(CORPUS) --db $(DB) || [ $$? -eq 1 ]
	@echo "Dashboard: http://$(HOST):$(PORT)/"
	$(PY) -m streamlit run dashboard/app.py --server.address $(HOST) --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

test: setup
	$(PY) -m pytest -q

evaluate: setup
	$(PY) -m etl evaluate --docs seeds --gold tests/fixtures/gold
	$(PY) -m etl evaluate --cases tests/core/cases/*.yaml

bench: setup
	$(PY) -m scripts.benchmark

bench-dashboard: setup
	$(PY) -m scripts.bench_dashboard

clean:
	rm -rf $(DB) data/cache
