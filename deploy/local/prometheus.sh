#!/usr/bin/env bash
# A local Prometheus on 127.0.0.1 that scrapes the worker, from Debian's `prometheus` package.
#
#   prometheus.sh install     install Debian's prometheus + promtool if missing (never starts
#                             the system service)
#   prometheus.sh check       promtool: check the committed configs and rules, run the rule tests
#   prometheus.sh config      write $PROMETHEUS_HOME/prometheus.yml from deploy/prometheus/
#   prometheus.sh up          generate the config, start Prometheus, wait until it is ready
#   prometheus.sh down        stop it (SIGTERM, then SIGKILL after 30 s)
#   prometheus.sh status      say whether it runs
#   prometheus.sh screenshot FILE [EXPR]
#                             PNG of the graph page of EXPR (default: articles consumed per
#                             second) over the last $SCREENSHOT_RANGE, via headless Chromium
#
# Environment:
#   PROMETHEUS_HOME             config, data, pid and log (default var/prometheus)
#   PROMETHEUS_PORT             listen port on 127.0.0.1 (default 9090)
#   PROMETHEUS_SCRAPE_INTERVAL  scrape and rule evaluation interval (default: the committed 15s)
#   PROMETHEUS_TARGET           the worker's host:port (default 127.0.0.1:$WEB_PORT, 6066)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
deploy=$root/deploy/prometheus
PROMETHEUS_HOME=${PROMETHEUS_HOME:-$root/var/prometheus}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
PROMETHEUS_SCRAPE_INTERVAL=${PROMETHEUS_SCRAPE_INTERVAL:-}
PROMETHEUS_TARGET=${PROMETHEUS_TARGET:-127.0.0.1:${WEB_PORT:-6066}}
PROMETHEUS_READY_TIMEOUT=${PROMETHEUS_READY_TIMEOUT:-60}
SCREENSHOT_RANGE=${SCREENSHOT_RANGE:-10m}

config=$PROMETHEUS_HOME/prometheus.yml
pidfile=$PROMETHEUS_HOME/prometheus.pid
log=$PROMETHEUS_HOME/prometheus.log
url=http://127.0.0.1:$PROMETHEUS_PORT

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# Debian's postinst would start the packaged service on :9090 with its own config; a
# policy-rc.d that denies every action keeps it stopped. One already present (Docker images
# ship one) is left as it is.
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "installing $* needs root: sudo apt-get install -y $*" >&2
    return 1
  fi
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    added=1
  fi
  local status=0
  { DEBIAN_FRONTEND=noninteractive apt-get update -q \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"; } \
    || status=$?
  if [ "$added" = 1 ]; then rm -f "$policy"; fi
  return "$status"
}

install() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
    return 0
  fi
  echo "installing Debian's prometheus package (prometheus, promtool)"
  apt_install prometheus
}

check() {
  install
  promtool check config "$deploy/prometheus.yml"
  promtool check config "$deploy/prometheus.compose.yml"
  promtool check rules "$deploy/alerts.yml"
  promtool test rules "$deploy/alerts.test.yml"
}

# The committed config with the target, interval and rule file path of this run; the rule file
# is copied next to it because Prometheus resolves rule_files relative to the config.
generate() {
  mkdir -p "$PROMETHEUS_HOME"
  cp "$deploy/alerts.yml" "$PROMETHEUS_HOME/alerts.yml"
  local interval_expr=""
  if [ -n "$PROMETHEUS_SCRAPE_INTERVAL" ]; then
    interval_expr="s|^(  (scrape\|evaluation)_interval:).*|\\1 $PROMETHEUS_SCRAPE_INTERVAL|"
  fi
  sed -E -e "s|127\\.0\\.0\\.1:6066|$PROMETHEUS_TARGET|" ${interval_expr:+-e "$interval_expr"} \
    "$deploy/prometheus.yml" >"$config.tmp"
  grep -q "$PROMETHEUS_TARGET" "$config.tmp" || {
    echo "deploy/prometheus/prometheus.yml no longer names 127.0.0.1:6066" >&2
    return 1
  }
  mv "$config.tmp" "$config"
  promtool check config --syntax-only "$config" >/dev/null
}

up() {
  install
  if running; then
    echo "Prometheus already runs (pid $(cat "$pidfile")) on $url"
    return 0
  fi
  generate
  mkdir -p "$PROMETHEUS_HOME/data"
  # Debian's build serves its UI from the package's assets without extra flags.
  nohup prometheus \
    --config.file="$config" \
    --storage.tsdb.path="$PROMETHEUS_HOME/data" \
    --storage.tsdb.retention.time=7d \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
    >"$log" 2>&1 &
  echo $! >"$pidfile"
  local deadline=$((SECONDS + PROMETHEUS_READY_TIMEOUT))
  until curl -fsS "$url/-/ready" >/dev/null 2>&1; do
    if ! running; then
      echo "Prometheus exited; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Prometheus not ready within ${PROMETHEUS_READY_TIMEOUT}s; see $log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "Prometheus runs on $url (pid $(cat "$pidfile")), scraping $PROMETHEUS_TARGET"
}

down() {
  if ! running; then
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

chromium_bin() {
  command -v chromium || command -v chromium-browser || return 1
}

screenshot() {
  local out=${1:?usage: prometheus.sh screenshot FILE [EXPR]}
  local expr=${2:-sum(rate(incident_worker_articles_consumed_total[1m]))}
  running || { echo "Prometheus does not run on $url" >&2; return 1; }
  chromium_bin >/dev/null || apt_install chromium
  local encoded profile
  encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' \
    "$expr")
  profile=$(mktemp -d)
  mkdir -p "$(dirname "$out")"
  # The virtual time budget lets the page run its queries and draw before the capture.
  "$(chromium_bin)" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$profile" --window-size=1400,820 --virtual-time-budget=15000 \
    --screenshot="$out" \
    "$url/graph?g0.expr=$encoded&g0.tab=0&g0.range_input=$SCREENSHOT_RANGE" 2>/dev/null
  rm -rf "$profile"
  echo "wrote $out"
}

case "${1:-}" in
  install) install ;;
  check) check ;;
  config) install && generate && echo "$config" ;;
  up) up ;;
  down) down ;;
  status)
    if running; then echo "running (pid $(cat "$pidfile")) on $url"; else echo "not running"; exit 1; fi
    ;;
  screenshot) shift; screenshot "$@" ;;
  *) sed -n '2,19p' "$0" >&2; exit 2 ;;
esac
