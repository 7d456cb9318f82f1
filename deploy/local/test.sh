#!/usr/bin/env bash
# `make test`: lint, unit tests, then integration tests against a real broker. A local broker is
# started unless KAFKA_BOOTSTRAP_SERVERS names one, and stopped again if this script started it.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
VENV=$root/.venv

"$VENV/bin/ruff" check worker tests deploy
"$VENV/bin/mypy"
# Installs Debian's prometheus/promtool when missing (tests/integration/test_prometheus.py runs
# it), then promtool checks both configs and the rules, and runs the rule tests.
deploy/local/prometheus.sh check

started=0
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  if ! deploy/local/kafka.sh status >/dev/null 2>&1; then
    started=1
  fi
  deploy/local/kafka.sh up
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${KAFKA_PORT:-9092}
fi
cleanup() {
  if [ "$started" = 1 ]; then deploy/local/kafka.sh down; fi
}
trap cleanup EXIT

"$VENV/bin/python" -m pytest tests "$@"
