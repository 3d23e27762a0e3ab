#!/usr/bin/env bash
# Times `compose up -d` and `compose down` of a five-service stack (a
# balancer publishing a port, two replicas of an app, a db, a redis; busybox
# stand-ins, images present) with rpod and with podman-compose on the same
# file, plus rpod's no-op second `up -d`. Run as root (it switches to the test
# user); see bench/README.md.
#
#   bench/compose.sh [RUNS]     (default 5; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-5}"
BENCH=bench/compose.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh
command -v podman-compose >/dev/null || { echo "$BENCH: podman-compose missing (apt-get install podman-compose)" >&2; exit 1; }

echo "pushing busybox to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox >&2

mkdir -p "$work/stack"
ref="$addr/busybox:latest"
lbport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# PID 1 ignores SIGTERM unless it handles it: each service traps it, so
# that `down` measures stopping, not the 10 s kill timeout.
run='["sh", "-c", "trap \"exit 0\" TERM; sleep 1000 & wait"]'
cat > "$work/stack/compose.yaml" <<YAML
services:
  lb:
    image: $ref
    command: $run
    ports:
      - "$lbport:80"
    depends_on: [app]
  app:
    image: $ref
    command: $run
    deploy:
      replicas: 2
    depends_on: [db, redis]
  db:
    image: $ref
    command: $run
  redis:
    image: $ref
    command: $run
YAML
bench_user stack
# podman and podman-compose use the user's default store under this HOME.
pc="$as_user podman-compose -p bench -f $work/stack/compose.yaml"
rc="$rpod compose -p bench -f $work/stack/compose.yaml"
$as_user podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null

# Both must bring up the five containers.
$pc up -d >/dev/null 2>&1
n=$($as_user podman ps -q | wc -l)
$pc down >/dev/null 2>&1
[ "$n" = 5 ] || echo "$BENCH: podman-compose started $n containers, not 5" >&2
$rc up -d >/dev/null 2>&1
n=$($rpod ps -q | wc -l)
$rc down >/dev/null 2>&1
[ "$n" = 5 ] || echo "$BENCH: rpod compose started $n containers, not 5" >&2

time_it() {
    local name=$1 prepare=$2 cmd=$3 cleanup=$4
    hyperfine -N --runs "$RUNS" --prepare "$prepare" --cleanup "$cleanup" \
        --export-json "$work/$name.json" "$cmd" >&2 || return 1
    median_of "$work/$name.json"
}
pu=$(time_it pc-up "$pc down" "$pc up -d" "$pc down") || pu=""
ru=$(time_it rpod-up "$rc down" "$rc up -d" "$rc down") || ru=""
pd=$(time_it pc-down "$pc up -d" "$pc down" "true") || pd=""
rd=$(time_it rpod-down "$rc up -d" "$rc down" "true") || rd=""
$rc up -d >/dev/null 2>&1
rn=$(hyperfine -N --warmup 2 --runs $((RUNS * 4)) --export-json "$work/rpod-noop.json" "$rc up -d" >&2 && median_of "$work/rpod-noop.json") || rn=""
$pc up -d >/dev/null 2>&1 || true
pn=$(hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$work/pc-noop.json" "$pc up -d" >&2 && median_of "$work/pc-noop.json") || pn=""
$rc down >/dev/null 2>&1 || true
$pc down >/dev/null 2>&1 || true

printf '%-36s %10s\n' "what" "median (s)" \
    "podman-compose up -d" "${pu:-failed}" "rpod compose up -d" "${ru:-failed}" \
    "podman-compose down" "${pd:-failed}" "rpod compose down" "${rd:-failed}" \
    "podman-compose up -d (again)" "${pn:-failed}" "rpod compose up -d (no-op)" "${rn:-failed}"
if [ -n "$pu" ] && [ -n "$ru" ]; then awk -v r="$ru" -v p="$pu" 'BEGIN { printf "up: rpod / podman-compose: %.3f (target <= 0.25)\n", r / p }'; fi
if [ -n "$pd" ] && [ -n "$rd" ]; then awk -v r="$rd" -v p="$pd" 'BEGIN { printf "down: rpod / podman-compose: %.3f\n", r / p }'; fi
