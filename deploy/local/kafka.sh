#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft) broker on 127.0.0.1 for development and tests.
#
#   kafka.sh fetch   fetch the broker's jars from Maven Central into $KAFKA_HOME/libs
#   kafka.sh up      format storage on first use, start the broker, wait until it answers
#   kafka.sh down    stop it cleanly (SIGTERM, then SIGKILL after $KAFKA_STOP_TIMEOUT s)
#   kafka.sh status  say whether it runs
#   kafka.sh reset   stop it and delete its data
# KAFKA_HOME, KAFKA_PORT, KAFKA_CONTROLLER_PORT and KAFKA_SASL_PORT select another instance.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
KAFKA_HOME=${KAFKA_HOME:-$root/var/kafka}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
KAFKA_SASL_PORT=${KAFKA_SASL_PORT:-9094}
# Local-only test credentials of the SASL listener; never use them anywhere else.
KAFKA_LOCAL_SASL_USER=${KAFKA_LOCAL_SASL_USER:-worker}
KAFKA_LOCAL_SASL_PASSWORD=${KAFKA_LOCAL_SASL_PASSWORD:-local-dev-secret}
KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}
KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}
KAFKA_READY_TIMEOUT=${KAFKA_READY_TIMEOUT:-90}
PYTHON=${PYTHON:-$root/.venv/bin/python}

# A second broker (tests) can share the first one's jars.
libs=${KAFKA_LIBS:-$KAFKA_HOME/libs}
data=$KAFKA_HOME/data
props=$KAFKA_HOME/server.properties
pidfile=$KAFKA_HOME/broker.pid
log=$KAFKA_HOME/broker.log

classpath() {
  local jars=("$libs"/*.jar)
  local IFS=:
  echo "${jars[*]}"
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

fetch() {
  if compgen -G "$libs/kafka_2.13-*.jar" >/dev/null && [ "$libs/.stamp" -nt "$here/pom.xml" ]; then
    return 0
  fi
  echo "fetching Kafka jars from Maven Central into $libs"
  rm -rf "$libs"
  mkdir -p "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$libs"
  touch "$libs/.stamp"
}

configure() {
  mkdir -p "$KAFKA_HOME"
  sed -e "s|@PORT@|$KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@SASL_PORT@|$KAFKA_SASL_PORT|g" \
      -e "s|@SASL_USER@|$KAFKA_LOCAL_SASL_USER|g" \
      -e "s|@SASL_PASSWORD@|$KAFKA_LOCAL_SASL_PASSWORD|g" \
      -e "s|@DATA_DIR@|$data|g" \
      "$here/server.properties.in" > "$props"
  chmod 600 "$props"
}

format_storage() {
  [ -f "$data/meta.properties" ] && return 0
  mkdir -p "$data"
  local cp cluster_id scram
  cp=$(classpath)
  cluster_id=$(java -cp "$cp" kafka.tools.StorageTool random-uuid)
  scram="name=$KAFKA_LOCAL_SASL_USER,password=$KAFKA_LOCAL_SASL_PASSWORD"
  java -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" \
    --add-scram "SCRAM-SHA-256=[$scram]" --add-scram "SCRAM-SHA-512=[$scram]" >/dev/null
}

up() {
  fetch
  if running; then
    echo "Kafka already runs (pid $(cat "$pidfile")) on 127.0.0.1:$KAFKA_PORT"
  else
    configure
    format_storage
    # shellcheck disable=SC2086
    nohup java $KAFKA_HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$here/log4j2.yaml" \
      -cp "$(classpath)" kafka.Kafka "$props" >"$log" 2>&1 &
    echo $! > "$pidfile"
    echo "Kafka starting (pid $!) on 127.0.0.1:$KAFKA_PORT, log $log"
  fi
  # An open port is not readiness: wait until a metadata request succeeds.
  if ! "$PYTHON" "$here/wait_for_kafka.py" "127.0.0.1:$KAFKA_PORT" --timeout "$KAFKA_READY_TIMEOUT"; then
    echo "Kafka did not become ready; last lines of $log:" >&2
    tail -n 30 "$log" >&2 || true
    exit 1
  fi
}

down() {
  if ! running; then
    rm -f "$pidfile"
    echo "Kafka is not running"
    return 0
  fi
  local pid waited=0
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$KAFKA_STOP_TIMEOUT" ]; then
      echo "Kafka did not stop within ${KAFKA_STOP_TIMEOUT}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$pidfile"
  echo "Kafka stopped"
}

case "${1:-}" in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) if running; then echo "running (pid $(cat "$pidfile"))"; else echo "stopped"; exit 1; fi ;;
  reset) down; rm -rf "$data" "$props" ;;
  *) echo "usage: $0 fetch|up|down|status|reset" >&2; exit 2 ;;
esac
