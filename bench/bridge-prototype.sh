#!/bin/bash
# Prototype of the rootless bridge data path designed in docs/networks.md,
# built with unshare/nsenter/ip as an unprivileged user, and measured:
#   1. a holder process owning a user namespace and a network namespace
#      with a bridge (10.89.0.1/24);
#   2. N "containers": processes in the holder's user namespace, each in a
#      network namespace of its own, joined to the bridge by a veth created
#      in the holder's namespace with its peer moved into the container's;
#      the time of the network part (veth create + move + attach + address +
#      route) per container, with one `ip` process per namespace (`-batch`);
#   3. throughput container to container over the bridge (busybox nc, MB MiB);
#   4. pasta attached to the holder (by PID), a masquerade rule, and a
#      container reaching a TCP server on the host's loopback through it.
# Usage (as the unprivileged user): bench/bridge-prototype.sh [N] [MB]
set -euo pipefail
N=${1:-20}
MB=${2:-100}
W=$(mktemp -d /tmp/bridge-proto.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$W"
}
trap cleanup EXIT
now() { date +%s%N; }
wait_file() { for _ in $(seq 1 500); do [ -s "$1" ] && return 0; sleep 0.01; done; echo "timeout waiting for $1" >&2; exit 1; }

# 1. The holder: user namespace (root -> this user) + network namespace.
unshare --user --map-root-user --net sh -c "echo \$\$ > $W/holder.pid; exec sleep infinity" &
pids+=($!)
wait_file "$W/holder.pid"
H=$(cat "$W/holder.pid")
holder() { nsenter -t "$H" -U -n --preserve-credentials "$@"; }
t0=$(now)
holder ip -batch - <<EOF
link add podman1 type bridge
addr add 10.89.0.1/24 dev podman1
link set podman1 up
link set lo up
EOF
holder sh -c 'echo 1 > /proc/sys/net/ipv4/ip_forward'
t1=$(now)
echo "holder bridge set-up: $(( (t1 - t0) / 1000 )) us"

# 2. Containers on the bridge.
net_total=0
for i in $(seq 1 "$N"); do
    nsenter -t "$H" -U --preserve-credentials unshare --net \
        sh -c "echo \$\$ > $W/c$i.pid; exec sleep infinity" &
    pids+=($!)
    wait_file "$W/c$i.pid"
    C=$(cat "$W/c$i.pid")
    t0=$(now)
    { time {
    holder ip -batch - <<EOF
link add v$i type veth peer name eth0 netns $C
link set v$i master podman1 up
EOF
    nsenter -t "$C" -U -n --preserve-credentials ip -batch - <<EOF
addr add 10.89.0.$((i + 1))/24 dev eth0
link set eth0 up
link set lo up
route add default via 10.89.0.1
EOF
    } ; } 2>> "$W/times"
    t1=$(now)
    net_total=$((net_total + t1 - t0))
done
# CPU time (user + sys of the ip and nsenter processes) is what rpod's own
# netlink calls would cost at most; wall time depends on the machine's load.
cpu_ms=$(awk '/^user|^sys/ { split($2, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] } END { printf "%.1f", t * 1000 / '"$N"' }' "$W/times")
echo "per container (veth create+move+attach+address+route, 2 ip processes): wall $(( net_total / N / 1000 )) us, cpu ${cpu_ms} ms, average over $N"
# The kernel's share: the holder-side steps of N more containers in one ip
# process (no process start per container), as rpod's netlink calls would.
for i in $(seq 1 "$N"); do
    nsenter -t "$H" -U --preserve-credentials unshare --net \
        sh -c "echo \$\$ > $W/k$i.pid; exec sleep infinity" &
    pids+=($!)
    wait_file "$W/k$i.pid"
done
for i in $(seq 1 "$N"); do
    echo "link add k$i type veth peer name eth0 netns $(cat "$W/k$i.pid")"
    echo "link set k$i master podman1 up"
done > "$W/batch"
t0=$(now)
holder ip -batch "$W/batch"
t1=$(now)
echo "holder side (veth create+move+attach) of $N containers in one ip process: $(( (t1 - t0) / N / 1000 )) us per container"
C1=$(cat "$W/c1.pid")
C2=$(cat "$W/c2.pid")
nsenter -t "$C2" -U -n --preserve-credentials busybox ping -c1 -W2 10.89.0.2 >/dev/null && echo "c2 -> c1 ping: ok"

# 3. Throughput over the bridge.
nsenter -t "$C1" -U -n --preserve-credentials busybox nc -l -p 5000 -e sh -c "wc -c > $W/count.tmp; mv $W/count.tmp $W/count" &
srv=$!
listening() { nsenter -t "$1" -U -n --preserve-credentials cat /proc/net/tcp /proc/net/tcp6 | awk -v p=":$2" '$2 ~ p"$" && $4 == "0A" { f = 1 } END { exit !f }'; }
for _ in $(seq 1 500); do listening "$C1" 1388 && break; sleep 0.01; done
t0=$(now)
dd if=/dev/zero bs=1M count="$MB" 2>/dev/null | nsenter -t "$C2" -U -n --preserve-credentials busybox nc 10.89.0.2 5000 || true
wait_file "$W/count"
t1=$(now)
echo "$MB MiB c2 -> c1 over the bridge: $(( (t1 - t0) / 1000000 )) ms ($(cat "$W/count") bytes received)"

# 4. pasta attached to the holder: the outside for the bridge.
if command -v pasta >/dev/null; then
    pasta --config-net -q -t none -u none -T none -U none --pid "$W/pasta.pid" "$H"
    wait_file "$W/pasta.pid"
    pids+=("$(cat "$W/pasta.pid")")
    holder iptables-nft -t nat -A POSTROUTING -s 10.89.0.0/24 ! -d 10.89.0.0/24 -j MASQUERADE
    gw=$(holder ip -4 route show default | awk '{print $3; exit}')
    # A server on the host's loopback, reached at pasta's gateway address.
    busybox nc -l -p 5001 > "$W/got" &
    srv=$!
    for _ in $(seq 1 500); do cat /proc/net/tcp /proc/net/tcp6 | awk '$2 ~ ":1389$" && $4 == "0A" { f = 1 } END { exit !f }' && break; sleep 0.01; done
    echo hello-from-c1 | nsenter -t "$C1" -U -n --preserve-credentials busybox nc "$gw" 5001 || true
    wait "$srv" || true
    echo "c1 -> host loopback through pasta ($gw): $(cat "$W/got")"
fi
