#!/bin/bash
# podman (rootless, runc) on a user network, for comparison with
# bridge-prototype.sh: `run -d --network` time and 100 MiB container to
# container over podman's bridge. Run as the unprivileged user.
# Usage: bench/podman-bridge.sh [MB]
set -u
MB=${1:-100}
T=$(mktemp -d /tmp/pm-bridge.XXXXXX)
export XDG_RUNTIME_DIR=$T/xdg
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
P="podman --root $T/root --runroot $T/run --runtime runc"
R=$T/rootfs
mkdir -p "$R/bin" "$R/tmp" "$R/etc" "$R/proc" "$R/sys" "$R/dev"
cp /bin/busybox "$R/bin/"
for a in sh nc wc dd sleep mv cat ip true; do ln -s busybox "$R/bin/$a"; done
$P network create x >/dev/null
t0=$(date +%s%N)
$P run -d --name c1 --network x --rootfs "$R" /bin/sleep 600 >/dev/null
t1=$(date +%s%N)
$P run -d --name c2 --network x --rootfs "$R" /bin/sleep 600 >/dev/null
t2=$(date +%s%N)
echo "podman run -d on network x: $(( (t1 - t0) / 1000000 )) ms (first), $(( (t2 - t1) / 1000000 )) ms (second)"
IP1=$($P inspect c1 --format '{{(index .NetworkSettings.Networks "x").IPAddress}}')
$P exec -d c1 /bin/nc -l -p 5000 -e /bin/sh -c "wc -c > /tmp/count.tmp; mv /tmp/count.tmp /tmp/count"
sleep 1
t0=$(date +%s%N)
$P exec c2 /bin/sh -c "dd if=/dev/zero bs=1M count=$MB 2>/dev/null | nc $IP1 5000"
for _ in $(seq 1 500); do $P exec c1 /bin/cat /tmp/count 2>/dev/null && break; sleep 0.01; done
t1=$(date +%s%N)
echo "$MB MiB c2 -> c1 over podman's bridge: $(( (t1 - t0) / 1000000 )) ms (includes podman exec, timed below)"
t0=$(date +%s%N)
$P exec c2 /bin/true
t1=$(date +%s%N)
echo "podman exec c2 true: $(( (t1 - t0) / 1000000 )) ms"
$P rm -f -t0 c1 c2 >/dev/null
$P network rm x >/dev/null
# podman's pause process (catatonit) stays: end it, then remove the store.
pause=$(cat "$XDG_RUNTIME_DIR/libpod/tmp/pause.pid" 2>/dev/null)
$P unshare rm -rf "$T/root" 2>/dev/null
[ -n "$pause" ] && kill "$pause" 2>/dev/null
rm -rf "$T" 2>/dev/null
