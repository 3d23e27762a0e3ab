#!/usr/bin/env bash
# rpod's test command (the one README.md gives). Run as root on a fresh
# Debian/Ubuntu machine it first installs what the tests need, creates the
# unprivileged test user with a subuid/subgid range and opens /dev/fuse and
# /dev/net/tun (all idempotent); then it runs fmt, clippy and the tests.
# Run as a normal user it only runs the checks. A test whose prerequisite is
# missing fails (RPOD_TEST_ALLOW_SKIP=1 makes it a counted skip, except under
# CI), so the result does not depend on CI reaching the tests: `sudo` drops
# it from the environment, and that changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# One list, shared with .ci/run.
mapfile -t PACKAGES < <(grep -v '^[[:space:]]*\(#\|$\)' contrib/test-packages.txt)
TEST_USER="${RPOD_TEST_USER:-rpodtest}"

# Adds a subordinate id range to $TEST_USER in FILE (/etc/subuid or /etc/subgid)
# when it has none, starting after every range already given out.
add_subids() {
    local file=$1 flag=$2 start=100000 end
    grep -q "^${TEST_USER}:" "$file" 2>/dev/null && return 0
    if [ -s "$file" ]; then
        end=$(awk -F: '{ e = $2 + $3; if (e > m) m = e } END { print m + 0 }' "$file")
        [ "$end" -gt "$start" ] && start=$end
    fi
    usermod "$flag" "${start}-$((start + 65535))" "$TEST_USER"
}

setup_machine() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
    id -u "$TEST_USER" >/dev/null 2>&1 || useradd -m "$TEST_USER"
    add_subids /etc/subuid --add-subuids
    add_subids /etc/subgid --add-subgids
    local d
    for d in /dev/net/tun /dev/fuse; do
        if [ -e "$d" ]; then chmod 666 "$d"; fi
    done
}

if [ "$(id -u)" = 0 ]; then
    setup_machine
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
contrib/packaging-check.sh
