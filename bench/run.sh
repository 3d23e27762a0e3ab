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
USER_NAME="${RPOD_TEST_USER:-rpodtest}"

[ "$(id -u)" = 0 ] || { echo "bench/run.sh: run as root (it runs rpod and podman as $USER_NAME)" >&2; exit 1; }
command -v docker-registry >/dev/null || { echo "bench/run.sh: docker-registry missing" >&2; exit 1; }

cargo build --release --bin rpod --example fixtures >&2

work=$(mktemp -d /tmp/rpod-bench.XXXXXX)
chmod 755 "$work"
reg_pid=""
cleanup() {
    if [ -n "$reg_pid" ]; then kill "$reg_pid" 2>/dev/null || true; wait "$reg_pid" 2>/dev/null || true; fi
    rm -rf "$work"   # root removes the stores too (files owned by subordinate ids)
}
trap cleanup EXIT

# The registry, on a free loopback port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((40000 + RANDOM % 20000)))
addr="127.0.0.1:$port"
mkdir -p "$work/registry"
cat > "$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry/storage
http:
  addr: $addr
YAML
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
reg_pid=$!
for _ in $(seq 100); do curl -fs "http://$addr/v2/" >/dev/null && break; sleep 0.1; done
curl -fs "http://$addr/v2/" >/dev/null || { cat "$work/registry/log" >&2; exit 1; }

echo "pushing busybox to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox >&2

mkdir -p "$work/home" "$work/run" "$work/bin"
chmod 700 "$work/run"
cp "${RPOD_BIN:-target/release/rpod}" "$work/bin/rpod"
chmod 755 "$work/bin" "$work/bin/rpod"
chown -R "$USER_NAME:" "$work/home" "$work/run"
chown "$USER_NAME:" "$work"
as_user="runuser -u $USER_NAME -- env -i HOME=$work/home XDG_RUNTIME_DIR=$work/run PATH=/usr/sbin:/usr/bin:/sbin:/bin"
podman="$as_user podman --root $work/podman-root --runroot $work/podman-runroot --storage-driver overlay --runtime runc --cgroup-manager cgroupfs --events-backend file"
rpod="$as_user $work/bin/rpod --root $work/rpod-root --runroot $work/rpod-runroot"
ref="$addr/busybox:latest"
# runc gives every container a session keyring; the default per-user key
# quota (200) runs out after a few hundred podman runs ("disk quota exceeded").
echo 20000 > /proc/sys/kernel/keys/maxkeys
echo 2000000 > /proc/sys/kernel/keys/maxbytes
$podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null

median_of() { grep -o '"median": *[0-9.e+-]*' "$1" | head -1 | sed 's/.*: *//'; }
bench() {
    local name=$1; shift
    hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/$name.json" "$*" >&2 || return 1
    median_of "$work/$name.json"
}
k=$(bench kernel "$as_user unshare -U -r -m -p -f -n -u -i --mount-proc true") || k=""
p=$(bench podman "$podman run --rm --network none $ref true") || p=""
r=$(bench rpod "$rpod run --rm $ref true") || r=""
printf '%-34s %10s\n' "what" "median (s)"
printf '%-34s %10s\n' "unshare ... true (kernel floor)" "${k:-failed}" "podman run --rm --network none" "${p:-failed}" "rpod run --rm" "${r:-failed}"
if [ -n "$p" ] && [ -n "$r" ]; then awk -v r="$r" -v p="$p" 'BEGIN { printf "rpod / podman: %.3f\n", r / p }'; fi
if [ -n "$k" ] && [ -n "$r" ]; then awk -v r="$r" -v k="$k" 'BEGIN { printf "rpod / kernel floor: %.2f\n", r / k }'; fi
