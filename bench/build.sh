#!/usr/bin/env bash
# Times `rpod build` against `podman --runtime runc build` on the same
# context (a 5-step Dockerfile with a RUN, from busybox on one loopback
# registry, as the same unprivileged user, each with its own store):
#   cold     every run from an empty build cache (the base image stays);
#   cached   a rebuild where every step is in the cache;
#   touched  a rebuild after one source file changed (`COPY . .` and what
#            follows rebuild; the RUN before it is reused).
# Prints the medians and the ratios rpod / podman. Run as root (it switches
# to the test user); see bench/README.md.
#
#   bench/build.sh [RUNS]       (default 10; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-10}"
BENCH=bench/build.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

echo "pushing busybox to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox >&2

mkdir -p "$work/ctx/src"
ref="$addr/busybox:latest"
# The Node-app shape: dependencies installed by a RUN before the sources.
cat > "$work/ctx/Containerfile" <<EOF
FROM $ref
WORKDIR /app
COPY package.json ./
RUN mkdir -p node_modules/dep && cp package.json node_modules/dep/ && echo installed > node_modules/.done
COPY . .
EOF
echo '{"name":"app"}' > "$work/ctx/package.json"
for i in $(seq 20); do echo "module.exports = $i;" > "$work/ctx/src/m$i.js"; done
bench_user ctx
$podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null
# Each tool must build and print an image ID before it is timed.
for tool in "$podman" "$rpod"; do
    id=$($tool build -q -t app "$work/ctx" | tail -1)
    [[ "$id" =~ ^[0-9a-f]{64}$ ]] || { echo "$BENCH: a build failed: $tool" >&2; exit 1; }
done

# Times a command after PREPARE, RUNS runs after one warm-up; prints the median.
bench_prepared() {
    local name=$1 prepare=$2; shift 2
    hyperfine -N --warmup 1 --runs "$RUNS" --prepare "$prepare" --export-json "$work/$name.json" "$*" >&2 || return 1
    median_of "$work/$name.json"
}
touch_src="$as_user sh -c 'echo \"module.exports = \$\$;\" > $work/ctx/src/m1.js'"
# Cold: the build cache is emptied (the images built go; the base stays).
pc=$(bench_prepared podman-cold "$podman rmi -f app" "$podman build -q --no-cache -t app $work/ctx") || pc=""
rc=$(bench_prepared rpod-cold "$rpod rmi -f app" "$rpod build -q --no-cache -t app $work/ctx") || rc=""
pw=$(bench_prepared podman-cached "true" "$podman build -q -t app $work/ctx") || pw=""
rw=$(bench_prepared rpod-cached "true" "$rpod build -q -t app $work/ctx") || rw=""
pt=$(bench_prepared podman-touched "$touch_src" "$podman build -q -t app $work/ctx") || pt=""
rt=$(bench_prepared rpod-touched "$touch_src" "$rpod build -q -t app $work/ctx") || rt=""
printf '%-10s %12s %12s %8s\n' "build" "podman (s)" "rpod (s)" "ratio"
row() {
    if [ -n "$2" ] && [ -n "$3" ]; then
        awk -v n="$1" -v p="$2" -v r="$3" 'BEGIN { printf "%-10s %12.3f %12.3f %8.3f\n", n, p, r, r / p }'
    else
        printf '%-10s %12s %12s\n' "$1" "${2:-failed}" "${3:-failed}"
    fi
}
row cold "$pc" "$rc"
row cached "$pw" "$rw"
row touched "$pt" "$rt"
