# The two commands a user needs:  make run   (set-up, build if needed, start the app)
#                                  make test  (set-up, the whole test suite)
PY := .venv/bin/python
DB := data/warehouse.duckdb
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: setup build run test bench bench-dashboard evaluate clean

setup:
	@bash scripts/setup.sh

build: setup
	$(PY) -m etl build --docs seeds --db $(DB)

$(DB):
	$(MAKE) build

run: setup $(DB)
	@echo "Dashboard: http://$(HOST):$(PORT)/"
	$(PY) -m streamlit run dashboard/app.py --server.address $(HOST) --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

test: setup
	$(PY) -m pytest -q

evaluate: setup
	$(PY) -m etl evaluate --docs seeds --gold tests/fixtures/gold

bench: setup
	$(PY) -m scripts.benchmark

bench-dashboard: setup
	$(PY) -m scripts.bench_dashboard

clean:
	rm -rf $(DB) data/cache
