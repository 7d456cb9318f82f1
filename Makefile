# Two commands for a newcomer: `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= ../shared/data
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install lock kafka-up kafka-down topics run stop test test-unit test-integration \
        lint format eval eval-dedup bench reliability clean prometheus prometheus-down prometheus-screenshot

help:
	@echo "make run         install, start a local Kafka and the worker, push sample articles, show incidents"
	@echo "make test        install, start a local Kafka, run lint, unit and integration tests"
	@echo "make eval        extraction figures on ../shared/data -> docs/evaluation.md"
	@echo "make eval-dedup  deduplication figures -> docs/evaluation.md"
	@echo "make bench       throughput, latency and state-size figures -> docs/benchmarks.md"
	@echo "make reliability fault, fuzz and security tests on the local broker -> docs/reliability.md"
	@echo "make kafka-up / kafka-down   the local single-node KRaft broker"
	@echo "make prometheus / prometheus-down   Prometheus on 127.0.0.1:9090 scraping the worker (docs/metrics.md)"
	@echo "make prometheus-screenshot   docs/prometheus-throughput.png from a test run"

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)
	deploy/local/kafka.sh fetch

# Regenerates the pinned constraints from a fresh resolution of pyproject.toml.
lock:
	rm -rf build/lock-venv && $(PYTHON_BIN) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --upgrade pip
	build/lock-venv/bin/pip install --quiet '.[dev]'
	build/lock-venv/bin/pip freeze --exclude incident-worker > constraints.txt
	rm -rf build/lock-venv

kafka-up: install
	deploy/local/kafka.sh up

kafka-down:
	deploy/local/kafka.sh down

topics: install
	$(PY) -m worker topics

run: install
	deploy/local/run.sh

stop:
	deploy/local/run.sh stop

test: install
	deploy/local/test.sh

test-unit: install
	$(PY) -m pytest tests/unit -q

lint: install
	$(VENV)/bin/ruff check worker tests deploy
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format worker tests deploy

# The fault, fuzz, dead-letter-limit and security tests, then docs/reliability.md from their figures.
reliability: install
	deploy/local/kafka.sh up
	$(PY) -m pytest -q tests/integration/test_faults.py tests/integration/test_fuzz.py \
	  tests/integration/test_dead_letter_limit.py tests/integration/test_security.py
	$(PY) -m tests.integration.report

eval: install
	$(PY) -m worker.evaluation.extraction --data-dir $(DATA_DIR) --output docs/evaluation.md

eval-dedup: install
	$(PY) -m worker.evaluation.dedup --data-dir $(DATA_DIR) --output docs/evaluation.md

bench: install
	$(PY) -m worker.bench --data-dir $(DATA_DIR) --output docs/benchmarks.md

# Debian's prometheus package, installed when missing; the config is generated into var/prometheus.
prometheus: install
	deploy/local/prometheus.sh up

prometheus-down:
	deploy/local/prometheus.sh down

# The throughput graph after tests/integration/test_prometheus.py, via headless Chromium.
prometheus-screenshot: install
	deploy/local/prometheus.sh install
	deploy/local/kafka.sh up
	PROMETHEUS_SCREENSHOT=$(CURDIR)/docs/prometheus-throughput.png \
	  $(PY) -m pytest tests/integration/test_prometheus.py -q

clean:
	-deploy/local/run.sh stop
	-deploy/local/prometheus.sh down
	-deploy/local/kafka.sh down
	rm -rf var build .pytest_cache .mypy_cache .ruff_cache
