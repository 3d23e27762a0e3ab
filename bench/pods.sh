#!/usr/bin/env bash
# Pods, rpod against podman (runc, rootless, the same busybox image from one
# loopback registry, the same unprivileged user):
#   1. the time of one pod's life: `pod create -p PORT:80`, two
#      `run -d --pod` members, `pod rm -f -t 0` (hyperfine, RUNS runs);
#   2. what a running pod costs beside its containers' own processes: the
#      proportional set size (PSS, /proc/PID/smaps_rollup) of every process
#      of the test user while a pod with one `sleep` member runs, the
#      members' `sleep` excluded, per process name;
#   3. the same for a pod whose member has exited (rpod: nothing runs);
#   rpod with its default (pasta) and with slirp4netns, podman 4.3's default.
# podman 4.3.1 here has no catatonit to build its pause image: its infra
# container runs busybox `sleep` (an image built here, --infra-image).
# Run as root; see bench/README.md.
#
#   bench/pods.sh [RUNS]        (default 10; RPOD_TEST_USER, RPOD_BIN override)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
RUNS="${1:-10}"
BENCH=bench/pods.sh
# shellcheck source=bench/lib.sh
. bench/lib.sh

echo "pushing busybox to $addr" >&2
target/release/examples/fixtures --registry "$addr" --only busybox >&2

bench_user
ref="$addr/busybox:latest"
$podman pull -q --tls-verify=false "$ref" >/dev/null
$rpod pull -q --tls-verify=false "$ref" >/dev/null
hport=$((20000 + RANDOM % 20000))
# podman's infra: busybox `sleep` (no catatonit here to build its pause image).
mkdir -p "$work/infra"
printf 'FROM %s\nCMD ["sleep", "1000000"]\n' "$ref" > "$work/infra/Containerfile"
chown -R "$USER_NAME:" "$work/infra"
$podman build -q --tls-verify=false -t localhost/infra "$work/infra" >/dev/null
infra=(--infra-image localhost/infra)

cycle() { # tool, extra pod-create flags...
    local tool=$1; shift
    cat <<SH
set -e
$tool pod create --name bp -p 127.0.0.1:$hport:80 $* >/dev/null
$tool run -d --pod bp --name m1 $ref sleep 1000 >/dev/null
$tool run -d --pod bp --name m2 $ref sleep 1000 >/dev/null
$tool pod rm -f -t 0 bp >/dev/null
SH
}
cycle "$podman" "${infra[@]}" > "$work/podman-cycle.sh"
cycle "$rpod" > "$work/rpod-cycle.sh"
# Each side must work before it is timed.
sh "$work/podman-cycle.sh" && pc=ok || pc=""
sh "$work/rpod-cycle.sh" && rc=ok || rc=""
time_it() { # name, script
    hyperfine -N --runs "$RUNS" --export-json "$work/$1.json" "sh $2" >&2 || return 1
    median_of "$work/$1.json"
}
pt=""; rt=""
[ -n "$pc" ] && pt=$(time_it podman "$work/podman-cycle.sh") || true
[ -n "$rc" ] && rt=$(time_it rpod "$work/rpod-cycle.sh") || true

uid=$(id -u "$USER_NAME")
# The test user's processes now (other users of the same account, and
# podman's per-user pause process, are not the pod's).
user_pids() {
    for d in /proc/[0-9]*; do
        if [ "$(stat -c %u "$d" 2>/dev/null)" = "$uid" ]; then echo "${d#/proc/}"; fi
    done
}
# PSS in kB of the user's processes that are not in $1 (a list of PIDs)
# and not a member's `sleep 1000`; each printed to stderr.
pss() {
    local total=0 pid args comm kb
    for pid in $(user_pids); do
        if grep -qx "$pid" "$1"; then continue; fi
        args=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || continue
        comm=$(cat "/proc/$pid/comm" 2>/dev/null) || continue
        case "$args" in "sleep 1000 "*) continue;; esac
        kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
        [ -n "$kb" ] || continue
        total=$((total + kb))
        echo "    $comm $kb kB" >&2
    done
    echo "$total"
}
idle() { # label, tool, extra flags
    local label=$1 tool=$2; shift 2
    user_pids > "$work/before"
    $tool pod create --name idle "$@" >/dev/null
    $tool run -d --pod idle --name i1 "$ref" sleep 1000 >/dev/null
    $tool stop -t 0 i1 >/dev/null
    echo "$label: a pod whose member has exited" >&2
    local none; none=$(pss "$work/before")
    $tool start i1 >/dev/null
    echo "$label: a pod with one running member (its sleep excluded)" >&2
    local one; one=$(pss "$work/before")
    $tool pod rm -f -t 0 idle >/dev/null
    echo "$none $one"
}
read -r p_none p_one < <(idle podman "$podman" "${infra[@]}")
read -r r_none r_one < <(idle rpod "$rpod")
# podman 4.3 connects pods with slirp4netns; rpod's default is pasta.
read -r s_none s_one < <(idle rpod-slirp4netns "$rpod" --network slirp4netns)

printf '%-48s %12s %12s %12s\n' "what" "podman" "rpod" "rpod slirp"
printf '%-48s %12s %12s\n' "pod create + 2 run -d --pod + pod rm -f (s)" "${pt:-failed}" "${rt:-failed}"
printf '%-48s %12s %12s %12s\n' "PSS beside the members, member exited (kB)" "$p_none" "$r_none" "$s_none"
printf '%-48s %12s %12s %12s\n' "PSS beside the members, one member running (kB)" "$p_one" "$r_one" "$s_one"
if [ -n "$pt" ] && [ -n "$rt" ]; then
    awk -v r="$rt" -v p="$pt" 'BEGIN { printf "pod life: rpod / podman %.3f\n", r / p }'
fi
