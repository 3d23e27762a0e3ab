#!/usr/bin/env bash
# Memory of the process that supervises one detached container: rpod's
# monitor against podman's conmon, each container running `sleep` with a
# healthcheck every second (`--health-cmd true --health-interval 1s`; podman
# 4.3 without systemd only warns that its timer cannot be set, so conmon
# runs no probes). Prints VmRSS, RssAnon, RssFile and PSS of both processes
# when they have settled, then samples rpod's monitor every INTERVAL seconds
# for MINUTES minutes (its growth under probes), with the number of probes
# run so far. Run as root (it switches to the test user); see bench/README.md.
#
#   bench/monitor-rss.sh [MINUTES] [INTERVAL]    (default 10 minutes, 60 s)
#   SMAPS=1 bench/monitor-rss.sh 1 30             (and, at the end, each
#                                                  process's resident mappings)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
MINUTES="${1:-10}"
INTERVAL="${2:-60}"
RUNS=1
BENCH=bench/monitor-rss.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

target/release/examples/fixtures --registry "$addr" --only busybox >&2
bench_user
ref="$addr/busybox:latest"
$podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null

health=(--health-cmd true --health-interval 1s)
$podman run -d --network none --name rss "${health[@]}" "$ref" sleep 100000 >/dev/null 2>&1
$rpod run -d --network none --name rss "${health[@]}" "$ref" sleep 100000 >/dev/null
cpid=$($podman inspect --format '{{.State.ConmonPid}}' rss)
mpid=$($rpod inspect --format '{{.State.ConmonPid}}' rss)
sleep 5   # a few probes, so that the monitor's loop has run them

# VmRSS RssAnon RssFile Pss (kB) of a process.
mem() {
    local st pss
    st=$(awk '/^VmRSS/ {a=$2} /^RssAnon/ {b=$2} /^RssFile/ {c=$2} END {print a, b, c}' "/proc/$1/status")
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup")
    echo "$st $pss"
}
probes() {
    grep -c '"Name":"rss","Status":"health_status"' "$work/rpod-runroot/events/events.log" 2>/dev/null || true
}
printf '%-14s %9s %9s %9s %9s\n' "(kB)" VmRSS RssAnon RssFile Pss
# shellcheck disable=SC2046
printf '%-14s %9s %9s %9s %9s\n' conmon $(mem "$cpid") "rpod monitor" $(mem "$mpid")

echo
echo "rpod monitor, one probe a second:"
printf '%7s %9s %9s %9s %9s %7s\n' minutes VmRSS RssAnon RssFile Pss probes
elapsed=0
while :; do
    # shellcheck disable=SC2046
    printf '%7s %9s %9s %9s %9s %7s\n' "$(awk -v s="$elapsed" 'BEGIN {printf "%.1f", s / 60}')" $(mem "$mpid") "$(probes)"
    [ "$elapsed" -ge $((MINUTES * 60)) ] && break
    sleep "$INTERVAL"
    elapsed=$((elapsed + INTERVAL))
done
if [ -n "${SMAPS:-}" ]; then
    echo
    echo "rpod monitor's resident mappings (kB: Rss, of it Anonymous):"
    awk '/^[0-9a-f]+-[0-9a-f]+ / {h = $1 " " $2 " " $6; next}
         /^Rss:/ {r = $2} /^Anonymous:/ {if (r) printf "%7d %7d  %s\n", r, $2, h}' "/proc/$mpid/smaps"
    echo "conmon's:"
    awk '/^[0-9a-f]+-[0-9a-f]+ / {h = $1 " " $2 " " $6; next}
         /^Rss:/ {r = $2} /^Anonymous:/ {if (r) printf "%7d %7d  %s\n", r, $2, h}' "/proc/$cpid/smaps"
fi
$podman rm -f -t 0 rss >/dev/null 2>&1
$rpod rm -f -t 0 rss >/dev/null
