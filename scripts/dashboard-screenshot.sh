#!/usr/bin/env bash
# Checks the dashboard in a real headless browser: starts `iss run --source simulator` on free ports in a
# scratch directory, waits until gold has windows, opens the page in Debian's Chromium, lets it receive live
# data, saves a screenshot (default docs/dashboard.png) and stops everything.
# Needs chromium (apt-get install -y chromium). Usage: scripts/dashboard-screenshot.sh [OUT.png] [WAIT_SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$here/docs/dashboard.png}")"
wait_seconds="${2:-20}"
command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install -y chromium" >&2; exit 2; }

scratch="$(mktemp -d)"
trap 'kill "${iss_pid:-}" "${chromium_pid:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$scratch"' EXIT

"$here/iss" run --source simulator --data-dir "$scratch/data" --kafka-port 0 --http-port 0 > "$scratch/run.out" 2> "$scratch/run.err" &
iss_pid=$!
for _ in $(seq 1 120); do
  url="$(grep -o 'dashboard=http://[^ ]*/' "$scratch/run.out" | cut -d= -f2 || true)"
  [ -n "$url" ] && break
  sleep 1
done
[ -n "${url:-}" ] || { echo "iss run did not start; see its log:" >&2; tail -20 "$scratch/run.err" >&2; exit 1; }
echo "dashboard at $url; waiting for the first windows in gold..." >&2
for _ in $(seq 1 60); do
  curl -fs "${url}api/v1/altitude/max" > /dev/null && break
  sleep 1
done

port=$(( 20000 + RANDOM % 20000 ))
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$scratch/chromium" \
  --remote-debugging-port="$port" about:blank > "$scratch/chromium.log" 2>&1 &
chromium_pid=$!
for _ in $(seq 1 30); do curl -fs "http://127.0.0.1:$port/json/version" > /dev/null && break; sleep 1; done

java "$here/scripts/DashboardScreenshot.java" "http://127.0.0.1:$port" "$url" "$out" "$wait_seconds"
