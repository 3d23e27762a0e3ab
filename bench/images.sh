#!/usr/bin/env bash
# Times images going out and back in, rpod against podman, as the same
# unprivileged user, with the `big` fixture (three gzip layers, about
# 170 MB compressed): `push` to an empty loopback registry (every blob
# uploaded: the second registry's storage is removed before each run),
# `save -o` (docker-archive) and `load -i` of that archive into a store
# without the image. Prints the medians and the ratios rpod / podman.
# Run as root; see bench/README.md.
#
# Before every run, of either tool, the page cache is flushed (`sync`, then
# drop_caches), as bench/pull.sh does: on this VM's unjournaled ext4 a
# create right after many deletes pays for the recently deleted inodes
# still cached, and a load that follows an `rmi` measured that noise rather
# than the tool. BENCH_KEEP_CACHES=1 measures without the flush.
#
#   bench/images.sh [RUNS]        (default 3; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-3}"
BENCH=bench/images.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

command -v podman >/dev/null || { echo "$BENCH: podman missing" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "$BENCH: hyperfine missing" >&2; exit 1; }

target/release/examples/fixtures --registry "$addr" --only busybox --big >&2

# A second, empty registry to push to.
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
addr2="127.0.0.1:$port2"
mkdir -p "$work/registry2"
sed -e "s#$work/registry/storage#$work/registry2/storage#" -e "s#addr: $addr#addr: $addr2#" \
    "$work/registry/config.yml" > "$work/registry2/config.yml"
docker-registry serve "$work/registry2/config.yml" >"$work/registry2/log" 2>&1 &
reg2_pid=$!
trap 'kill $reg2_pid 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do curl -fs "http://$addr2/v2/" >/dev/null && break; sleep 0.1; done

bench_user out
big="$addr/big:latest"
$podman pull -q --tls-verify=false "$big" >/dev/null
$rpod pull -q --tls-verify=false "$big" >/dev/null

# Prints the median (seconds) of RUNS runs of CMD, PREPARE before each.
median_prepared() {
    local name=$1 prepare=$2 cmd=$3
    hyperfine --runs "$RUNS" --prepare "$prepare" --export-json "$work/$name.json" "$cmd" >&2
    grep -o '"median": *[0-9.e+-]*' "$work/$name.json" | head -1 | sed 's/.*: *//'
}
FLUSH="sync; echo 3 > /proc/sys/vm/drop_caches"
[ -n "${BENCH_KEEP_CACHES:-}" ] && FLUSH=true
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
row() { printf '%-8s podman %7.2f s   rpod %7.2f s   rpod/podman %s\n' "$1" "$2" "$3" "$(ratio "$3" "$2")"; }

empty2="rm -rf $work/registry2/storage; $FLUSH"
p_push=$(median_prepared podman-push "$empty2" "$podman push -q --tls-verify=false $big $addr2/bench/big:p")
r_push=$(median_prepared rpod-push "$empty2" "$rpod push -q --tls-verify=false $big $addr2/bench/big:r")

p_save=$(median_prepared podman-save "rm -f $work/out/p.tar; $FLUSH" "$podman save -q -o $work/out/p.tar $big")
r_save=$(median_prepared rpod-save "rm -f $work/out/r.tar; $FLUSH" "$rpod save -q -o $work/out/r.tar $big")

# Load into a store without the image: each tool's own archive.
p_load=$(median_prepared podman-load "$podman rmi -af >/dev/null; $FLUSH" "$podman load -q -i $work/out/p.tar")
r_load=$(median_prepared rpod-load "$rpod rmi -a -f >/dev/null; $FLUSH" "$rpod load -q -i $work/out/r.tar")
$rpod image exists "$big" || { echo "$BENCH: rpod load did not bring $big back" >&2; exit 1; }

echo "images, big fixture, $RUNS runs each, medians:"
row push "$p_push" "$r_push"
row save "$p_save" "$r_save"
row load "$p_load" "$r_load"
