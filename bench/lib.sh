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

# The test user's world under $work: a home, a runtime directory, the rpod
# binary ($RPOD_BIN, else the release build) where the user can run it, each
# extra directory named as an argument (made and given to the user), and
# $as_user, $podman and $rpod: commands run as that user on stores of their
# own. Raises the key quotas: runc gives every container a session keyring,
# and the default per-user quota (200) runs out after a few hundred podman
# runs ("disk quota exceeded").
bench_user() {
    local d
    mkdir -p "$work/home" "$work/run" "$work/bin"
    chmod 700 "$work/run"
    cp "${RPOD_BIN:-target/release/rpod}" "$work/bin/rpod"
    chmod 755 "$work/bin" "$work/bin/rpod"
    chown -R "$USER_NAME:" "$work/home" "$work/run"
    for d in "$@"; do
        mkdir -p "$work/$d"
        chown -R "$USER_NAME:" "$work/$d"
    done
    chown "$USER_NAME:" "$work"
    as_user="runuser -u $USER_NAME -- env -i HOME=$work/home XDG_RUNTIME_DIR=$work/run PATH=/usr/sbin:/usr/bin:/sbin:/bin"
    podman="$as_user podman --root $work/podman-root --runroot $work/podman-runroot --storage-driver overlay --runtime runc --cgroup-manager cgroupfs --events-backend file"
    rpod="$as_user $work/bin/rpod --root $work/rpod-root --runroot $work/rpod-runroot"
    echo 20000 > /proc/sys/kernel/keys/maxkeys
    echo 2000000 > /proc/sys/kernel/keys/maxbytes
}

# The median (seconds) of a hyperfine JSON export.
median_of() { grep -o '"median": *[0-9.e+-]*' "$1" | head -1 | sed 's/.*: *//'; }

# Times a command (all arguments after NAME) with hyperfine, RUNS runs after
# three warm-ups, and prints its median; NAME names the export.
bench() {
    local name=$1; shift
    hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/$name.json" "$*" >&2 || return 1
    median_of "$work/$name.json"
}
