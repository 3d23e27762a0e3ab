#!/usr/bin/env bash
# Times cold `rpod pull` against `podman pull` of the same images from the same
# loopback registry, as the same unprivileged user, and prints the medians and
# their ratio. Run as root (it switches to the test user); see bench/README.md.
#
#   bench/pull.sh [RUNS]        (default 5; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-5}"
BENCH=bench/pull.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

echo "pushing fixtures to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox --big >&2

bench_user

# After a store is emptied, write its metadata out and drop the caches before
# the next pull. This VM's ext4 has no journal, and then the kernel's inode
# allocator skips every inode freed in the last 60-360 s whose inode-table
# block is still cached (fs/ext4/ialloc.c, recently_deleted()). Right after
# deleting 15,000 files, each create scans past them: perf showed 60 % of a
# pull's CPU in recently_deleted(), about 1 ms per create, which is what the
# earlier 12 s figures measured. Journaled ext4 (the usual default) never makes
# this check. Set BENCH_KEEP_CACHES=1 to measure without the flush.
FLUSH="sync; echo 3 > /proc/sys/vm/drop_caches"
[ -n "${BENCH_KEEP_CACHES:-}" ] && FLUSH=true
flush() { sh -c "$FLUSH"; }

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Prints the median wall time (seconds) of RUNS cold pulls: name, clear, pull.
# Fails unless one checked pull first prints a 64-hex image ID.
time_cold() {
    local name=$1 clear=$2 pull=$3 id
    $clear >/dev/null 2>&1 || true
    flush
    id=$($pull 2>"$work/$name.err" | tail -1) || true
    if ! [[ "$id" =~ ^[0-9a-f]{64}$ ]]; then
        echo "$name: pull did not print an image ID: $(tail -3 "$work/$name.err")" >&2
        return 1
    fi
    if command -v hyperfine >/dev/null; then
        hyperfine --runs "$RUNS" --prepare "$clear >/dev/null 2>&1 || true; $FLUSH" \
            --export-json "$work/$name.json" "$pull" >&2 || return 1
        median_of "$work/$name.json"
    else
        local i t0 t1
        for i in $(seq "$RUNS"); do
            $clear >/dev/null 2>&1 || true
            flush
            t0=$(date +%s.%N)
            $pull >/dev/null 2>&1 || return 1
            t1=$(date +%s.%N)
            echo "$t1 - $t0" | bc -l
        done | median
    fi
}

printf '%-28s %12s %12s %8s\n' image "podman (s)" "rpod (s)" ratio
for image in busybox:latest big:latest; do
    ref="$addr/$image"
    p=$(time_cold "podman-${image%%:*}" "$podman rmi -af" "$podman pull -q --tls-verify=false $ref") || p=""
    r=$(time_cold "rpod-${image%%:*}" "$rpod rmi -a" "$rpod pull -q --tls-verify=false $ref") || r=""
    ratio=""
    if [ -n "$p" ] && [ -n "$r" ]; then ratio=$(awk -v r="$r" -v p="$p" 'BEGIN { printf "%.2f", r / p }'); fi
    if [ -n "$p" ]; then p=$(awk -v v="$p" 'BEGIN { printf "%.3f", v }'); fi
    if [ -n "$r" ]; then r=$(awk -v v="$r" 'BEGIN { printf "%.3f", v }'); fi
    printf '%-28s %12s %12s %8s\n' "$image" "${p:-failed}" "${r:-failed}" "${ratio:--}"
done
