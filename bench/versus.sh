#!/usr/bin/env bash
# Times two rpod binaries against each other on the hot paths: `run --rm
# --network none busybox true`, `run --rm` with the default network, and
# `exec CTR true`, each with its own store, interleaved by hyperfine in one
# run so that both see the same machine. For "did this change cost
# anything": build the older commit in a worktree and pass both binaries.
# Run as root (it switches to the test user); see bench/README.md.
#
#   bench/versus.sh OLD_BIN NEW_BIN [RUNS]    (default 30 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
[ $# -ge 2 ] || { echo "usage: bench/versus.sh OLD_BIN NEW_BIN [RUNS]" >&2; exit 2; }
OLD=$(realpath "$1")
NEW=$(realpath "$2")
RUNS="${3:-30}"
BENCH=bench/versus.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

target/release/examples/fixtures --registry "$addr" --only busybox >&2
mkdir -p "$work/home" "$work/run" "$work/bin"
chmod 700 "$work/run"
cp "$OLD" "$work/bin/old"
cp "$NEW" "$work/bin/new"
chmod 755 "$work/bin" "$work/bin/old" "$work/bin/new"
chown -R "$USER_NAME:" "$work/home" "$work/run"
chown "$USER_NAME:" "$work"
as_user="runuser -u $USER_NAME -- env -i HOME=$work/home XDG_RUNTIME_DIR=$work/run PATH=/usr/sbin:/usr/bin:/sbin:/bin"
old="$as_user $work/bin/old --root $work/old-root --runroot $work/old-runroot"
new="$as_user $work/bin/new --root $work/new-root --runroot $work/new-runroot"
ref="$addr/busybox:latest"
$old pull -q --tls-verify=false "$ref" >/dev/null
$new pull -q --tls-verify=false "$ref" >/dev/null

# Prints "old_median new_median" for one command template (CMD as $1 with
# BIN standing for the binary's invocation).
pair() {
    local name=$1 cmd=$2
    hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/$name.json" \
        "${cmd//BIN/$old}" "${cmd//BIN/$new}" >&2
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.2f" % (x["median"]*1000) for x in r))' "$work/$name.json"
}
report() {
    local what=$1 o n
    read -r o n
    printf '%-36s %9s ms %9s ms %+8.2f ms\n' "$what" "$o" "$n" "$(awk -v a="$o" -v b="$n" 'BEGIN{print b-a}')"
}
printf '%-36s %12s %12s %11s\n' "what (median)" "old" "new" "new - old"
pair run "BIN run --rm --network none $ref true" | report "run --rm --network none"
pair runnet "BIN run --rm $ref true" | report "run --rm (default network)"
$old run -d --network none --name ex "$ref" sleep 1000 >/dev/null
$new run -d --network none --name ex "$ref" sleep 1000 >/dev/null
pair exec "BIN exec ex true" | report "exec CTR true"
$old rm -f -t 0 ex >/dev/null
$new rm -f -t 0 ex >/dev/null
