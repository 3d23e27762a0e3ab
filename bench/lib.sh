# Shared set-up of the benches (sourced, not run): checks, a release build, a
# scratch directory removed on exit, and Debian's docker-registry on a free
# loopback port ($addr). Callers set BENCH (their name) and RUNS first.
USER_NAME="${RPOD_TEST_USER:-rpodtest}"

[ "$(id -u)" = 0 ] || { echo "$BENCH: run as root (it runs rpod and podman as $USER_NAME)" >&2; exit 1; }
command -v docker-registry >/dev/null || { echo "$BENCH: docker-registry missing" >&2; exit 1; }

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
