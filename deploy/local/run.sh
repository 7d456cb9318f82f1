#!/usr/bin/env bash
# `make run`: a local broker (unless KAFKA_BOOTSTRAP_SERVERS names one), the worker, the sample
# articles, and the incidents as they arrive. Ctrl-C stops the worker; `make kafka-down` the broker.
#   RUN_SECONDS=n   stop showing incidents after n idle seconds (default: until Ctrl-C)
#   run.sh stop     stop a worker left running
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
PY=$root/.venv/bin/python
var=$root/var
pidfile=$var/worker.pid
worker_log=$var/worker.log
export WEB_PORT=${WEB_PORT:-6066}
export WEB_HOST=${WEB_HOST:-127.0.0.1}

stop_worker() {
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    echo "stopping the worker (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

if [ "${1:-}" = "stop" ]; then
  stop_worker
  exit 0
fi

mkdir -p "$var"
if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  deploy/local/kafka.sh up
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${KAFKA_PORT:-9092}
fi
export WORKER_DATA_DIR=${WORKER_DATA_DIR:-$var/worker}

stop_worker
"$PY" -m worker topics
echo "starting the worker, log $worker_log"
"$PY" -m worker run >"$worker_log" 2>&1 &
echo $! >"$pidfile"
trap stop_worker EXIT

echo -n "waiting until the worker is ready"
for _ in $(seq 1 180); do
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo; echo "the worker exited; last lines of $worker_log:" >&2
    tail -n 40 "$worker_log" >&2
    exit 1
  fi
  if curl -fsS "http://$WEB_HOST:$WEB_PORT/ready" >/dev/null 2>&1; then break; fi
  echo -n "."
  sleep 1
done
echo
echo "pushing the sample articles"
"$PY" -m worker produce samples/articles.jsonl
echo "incidents (metrics at http://$WEB_HOST:$WEB_PORT/metrics; Ctrl-C to stop):"
if [ -n "${RUN_SECONDS:-}" ]; then
  "$PY" -m worker tail --mentions --idle-timeout "$RUN_SECONDS"
else
  "$PY" -m worker tail --mentions
fi
