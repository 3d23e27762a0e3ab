#!/usr/bin/env bash
# Times `rpod run --rm busybox true` against `podman run --rm --network none
# busybox true` (same image from one loopback registry, same unprivileged
# user) and the bare kernel work (`unshare -U -r -m -p -f -n -u -i
# --mount-proc true`), and prints the medians and ratios. Run as root (it
# switches to the test user); see bench/README.md.
#
#   bench/run.sh [RUNS]         (default 20; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-20}"
BENCH=bench/run.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

echo "pushing busybox to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox >&2

bench_user
ref="$addr/busybox:latest"
$podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null

k=$(bench kernel "$as_user unshare -U -r -m -p -f -n -u -i --mount-proc true") || k=""
p=$(bench podman "$podman run --rm --network none $ref true") || p=""
r=$(bench rpod "$rpod run --rm --network none $ref true") || r=""
printf '%-34s %10s\n' "what" "median (s)"
printf '%-34s %10s\n' "unshare ... true (kernel floor)" "${k:-failed}" "podman run --rm --network none" "${p:-failed}" "rpod run --rm --network none" "${r:-failed}"
if [ -n "$p" ] && [ -n "$r" ]; then awk -v r="$r" -v p="$p" 'BEGIN { printf "rpod / podman: %.3f\n", r / p }'; fi
if [ -n "$k" ] && [ -n "$r" ]; then awk -v r="$r" -v k="$k" 'BEGIN { printf "rpod / kernel floor: %.2f\n", r / k }'; fi

# Default networking (rpod: pasta; podman 4.3: slirp4netns).
pn=$(bench podman-net "$podman run --rm $ref true") || pn=""
rn=$(bench rpod-net "$rpod run --rm $ref true") || rn=""
printf '%-34s %10s\n' "podman run --rm (default network)" "${pn:-failed}" "rpod run --rm (default network)" "${rn:-failed}"
if [ -n "$pn" ] && [ -n "$rn" ]; then awk -v r="$rn" -v p="$pn" 'BEGIN { printf "rpod / podman (default network): %.3f\n", r / p }'; fi

# Detached start: the command returns once the container runs under its
# monitor (rpod) or conmon (podman). Containers pile up during the runs and
# are removed afterwards.
pd=$(hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$work/podman-d.json" \
    --cleanup "$podman rm -af -t 0" "$podman run -d --network none $ref sleep 1000" >&2 && median_of "$work/podman-d.json") || pd=""
rd=$(hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$work/rpod-d.json" \
    --cleanup "$rpod rm -af" "$rpod run -d --network none $ref sleep 1000" >&2 && median_of "$work/rpod-d.json") || rd=""
printf '%-34s %10s\n' "podman run -d --network none" "${pd:-failed}" "rpod run -d --network none" "${rd:-failed}"
if [ -n "$pd" ] && [ -n "$rd" ]; then awk -v r="$rd" -v p="$pd" 'BEGIN { printf "rpod / podman (run -d): %.3f\n", r / p }'; fi

# exec into a running container.
$podman run -d --network none --name ex $ref sleep 1000 >/dev/null
$rpod run -d --network none --name ex $ref sleep 1000 >/dev/null
pe=$(bench podman-exec "$podman exec ex true") || pe=""
re=$(bench rpod-exec "$rpod exec ex true") || re=""
printf '%-34s %10s\n' "podman exec" "${pe:-failed}" "rpod exec" "${re:-failed}"
if [ -n "$pe" ] && [ -n "$re" ]; then awk -v r="$re" -v p="$pe" 'BEGIN { printf "rpod / podman (exec): %.3f\n", r / p }'; fi
$podman rm -f -t 0 ex >/dev/null
$rpod rm -f ex >/dev/null

# Monitor memory: one detached container each, resident set of the
# supervising process (rpod's monitor, podman's conmon).
$podman run -d --network none --name rss $ref sleep 1000 >/dev/null
$rpod run -d --network none --name rss $ref sleep 1000 >/dev/null
cpid=$($podman inspect --format '{{.State.ConmonPid}}' rss)
mpid=$($rpod inspect --format '{{.State.ConmonPid}}' rss)
rss() { awk '/^(VmRSS|RssAnon)/ {printf "%s %s kB  ", $1, $2}' "/proc/$1/status"; }
printf '%-34s %s\n' "conmon" "$(rss "$cpid")" "rpod monitor" "$(rss "$mpid")"
$podman rm -f -t 0 rss >/dev/null
$rpod rm -f rss >/dev/null

# 100 MB through a published port into the container (default networking;
# the client is bash's /dev/tcp on the host's loopback).
xfer() {
    local runner=$1 port t0 t1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    $runner run -d --name xfer -p "127.0.0.1:$port:80" "$ref" sh -c 'busybox nc -l -p 80 > /dev/null' >/dev/null
    sleep 2   # nc accepts one connection: no probing, just time to listen
    t0=$(date +%s.%N)
    head -c 100000000 /dev/zero > "/dev/tcp/127.0.0.1/$port"
    timeout 60 $runner wait xfer >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    $runner rm -f xfer >/dev/null 2>&1
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
px=$(xfer "$podman") || px=""
rx=$(xfer "$rpod") || rx=""
printf '%-34s %10s\n' "podman 100 MB via -p (s)" "${px:-failed}" "rpod 100 MB via -p (s)" "${rx:-failed}"
