#!/usr/bin/env bash
# Containers on a user-defined network: times `rpod run --rm --network NET
# busybox true` against `podman --runtime runc run --rm --network NET busybox
# true` (same image from one loopback registry, same unprivileged user), and
# 100 MB from one container to another over each one's bridge (busybox nc,
# the receiver started first and counting the bytes). Run as root (it
# switches to the test user); see bench/README.md.
#
#   bench/bridge.sh [RUNS] [MB]   (default 20 runs, 100 MB; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-20}"
MB="${2:-100}"
BENCH=bench/bridge.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

echo "pushing busybox to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox >&2

bench_user
ref="$addr/busybox:latest"
$podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null
$podman network create benchnet >/dev/null
$rpod network create benchnet >/dev/null

p=$(bench podman "$podman run --rm --network benchnet $ref true") || p=""
r=$(bench rpod "$rpod run --rm --network benchnet $ref true") || r=""
printf '%-44s %10s\n' "what" "median (s)"
printf '%-44s %10s\n' "podman run --rm --network benchnet" "${p:-failed}" "rpod run --rm --network benchnet" "${r:-failed}"
if [ -n "$p" ] && [ -n "$r" ]; then awk -v r="$r" -v p="$p" 'BEGIN { printf "rpod / podman: %.3f\n", r / p }'; fi

# With a container already on the network (the holder running: rpod's
# per-container cost without the holder's start).
$rpod run -d --name keep --network benchnet "$ref" sleep 1000 >/dev/null
rk=$(bench rpod-warm "$rpod run --rm --network benchnet $ref true") || rk=""
printf '%-44s %10s\n' "rpod run --rm --network (holder running)" "${rk:-failed}"
$rpod rm -f keep >/dev/null

# 100 MB container to container: the receiver counts what arrives.
throughput() {
    local tool=$1 cli=$2
    $cli run -d --name rx --network benchnet "$ref" sh -c "busybox nc -l -p 5000 -e sh -c 'wc -c > /tmp/count'; sleep 1000" >/dev/null
    local ip
    ip=$($cli inspect --format '{{(index .NetworkSettings.Networks "benchnet").IPAddress}}' rx)
    # The receiver listens once its nc runs: retry the sender until it connects.
    local t0 t1
    t0=$(date +%s%N)
    $cli run --rm --network benchnet "$ref" sh -c \
        "for i in \$(seq 50); do dd if=/dev/zero bs=1M count=$MB 2>/dev/null | busybox nc $ip 5000 && exit 0; sleep 0.1; done; exit 1" >/dev/null
    t1=$(date +%s%N)
    local got
    for _ in $(seq 100); do got=$($cli exec rx cat /tmp/count 2>/dev/null || true); [ -n "$got" ] && break; sleep 0.05; done
    printf '%-44s %8s ms (%s bytes received; includes the sender container run)\n' "$tool: $MB MB c2 -> c1" "$(( (t1 - t0) / 1000000 ))" "$got"
    $cli rm -f rx >/dev/null 2>&1 || $cli rm -f -t 0 rx >/dev/null
}
throughput podman "$podman"
throughput rpod "$rpod"
$podman network rm -f benchnet >/dev/null || true
$rpod network rm -f benchnet >/dev/null || true
# podman's pause process stays: end it.
pause=$(cat "$work/run/libpod/tmp/pause.pid" 2>/dev/null || true)
[ -n "$pause" ] && kill "$pause" 2>/dev/null || true
