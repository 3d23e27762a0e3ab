#!/usr/bin/env bash
# Checks that rpod installs like a real package (issue 19), from one release
# build: the .debs built by cargo-deb and `make install` give the same files,
# each where the list below says; every man page renders without warnings;
# the completions load in bash, zsh and fish and complete `rpod ru<TAB>`; the
# Quadlet generator runs through its link; a unit from `rpod generate systemd`
# passes `systemd-analyze verify` with the installed man pages; the docker shim
# behaves as podman-docker's.
#
# Safe on a developer's machine: it builds into target/ and installs into
# temporary directories only. With CI set, as root, it also installs the
# packages into the machine with apt (CI machines are throwaway), checks them
# there and purges them (`--install RPOD_DEB RPOD_DOCKER_DEB` does only that, on
# a scratch machine). A missing tool is a failure with CI set, else a SKIPPED
# line. contrib/test.sh runs it after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
repo=$PWD

fail() { echo "packaging-check: FAIL: $*" >&2; exit 1; }
note() { echo "packaging-check: $*" >&2; }
missing() {
    if [ -n "${CI:-}" ]; then fail "$1 is needed (CI is set)"; fi
    note "SKIPPED: $2 ($1 is not installed)"
}
have() { command -v "$1" >/dev/null 2>&1; }

tmp=$(mktemp -d /tmp/rpod-packaging.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# The e2e test below runs rpod as the unprivileged test user, who reads the tree.
chmod 755 "$tmp"

# The files of the rpod package, man pages aside (every man/man1/rpod*.1 and
# man/man5/rpod*.5 of the repository is added below, compressed).
RPOD_FILES=(
    usr/bin/rpod
    usr/lib/systemd/system-generators/rpod-system-generator
    usr/lib/systemd/user-generators/rpod-user-generator
    usr/share/bash-completion/completions/rpod
    usr/share/zsh/vendor-completions/_rpod
    usr/share/fish/vendor_completions.d/rpod.fish
    usr/share/rpod/containers.conf
    usr/share/rpod/registries.conf
    usr/share/rpod/storage.conf
    usr/share/rpod/web.container
    usr/share/doc/rpod/README.md
    usr/share/doc/rpod/copyright
)
DOCKER_FILES=(
    usr/bin/docker
    usr/share/man/man1/docker.1.gz
    usr/share/doc/rpod-docker/copyright
)
# Pages that must be there whatever else the CLI grows.
KEY_PAGES=(man1/rpod.1 man1/rpod-run.1 man1/rpod-generate-systemd.1 man1/rpod-quadlet.1 man5/rpod-quadlet.5)

expected_rpod_files() {
    printf '%s\n' "${RPOD_FILES[@]}"
    (cd man && ls man1/rpod*.1 man5/rpod*.5) | sed 's|^|usr/share/man/|; s|$|.gz|'
}

# The files (not directories) under a root, one relative path a line.
files_under() { (cd "$1" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort); }

# --- the man pages render without warnings -----------------------------------
# check_pages MANROOT: every page under MANROOT/man*/ (gzipped or not, .so
# pages resolved from MANROOT) renders with groff's warnings on, and says something.
check_pages() {
    local root=$1 page out n=0
    have man || { missing man "rendering the man pages (Debian package man-db)"; return 0; }
    while IFS= read -r page; do
        out=$(cd "$root" && LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
            man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null) ||
            fail "man -l $root/$page failed: $out"
        [ -z "$out" ] || fail "man -l $root/$page warns: $out"
        (cd "$root" && man -l "$page" 2>/dev/null | grep -q "^NAME") ||
            fail "man -l $root/$page renders no NAME section"
        n=$((n + 1))
    done < <(cd "$root" && find man* -type f | LC_ALL=C sort)
    [ "$n" -gt 10 ] || fail "only $n man pages under $root"
    note "$n man pages under $root render without warnings"
}

# --- completions load and complete `rpod ru<TAB>` to `rpod run` ---------------
# check_completions BASH_FILE ZSH_DIR FISH_FILE BIN_DIR: the scripts ask the
# rpod in BIN_DIR (`rpod __complete`, as cobra's scripts ask their program).
check_completions() {
    local bash_file=$1 zsh_dir=$2 fish_file=$3 bin_dir=$4 out empty
    empty=$(mktemp -d "$tmp/cwd.XXXXXX")
    out=$(cd "$empty" && PATH="$bin_dir:$PATH" bash --norc --noprofile -c '
        source "$1" || exit 1
        fn=$(complete -p rpod | sed -n "s/.*-F \([^ ]*\).*/\1/p")
        [ -n "$fn" ] || exit 2
        COMP_WORDS=(rpod ru); COMP_CWORD=1; COMP_LINE="rpod ru"; COMP_POINT=${#COMP_LINE}
        "$fn" rpod ru rpod
        printf "%s\n" "${COMPREPLY[@]}"' _ "$bash_file" 2>&1) ||
        fail "bash: loading $bash_file: $out"
    [ "$out" = run ] || fail "bash: rpod ru<TAB> gives '$out', not 'run'"
    if have zsh; then
        zsh -n "$zsh_dir/_rpod" || fail "zsh: $zsh_dir/_rpod does not parse"
        # An interactive zsh on a pseudo-terminal, compinit with the directory
        # in $fpath: type `rpod ru<TAB>` and wait for the line to read `rpod run`.
        cat > "$tmp/complete.zsh" <<'EOF'
zmodload zsh/zpty || exit 2
zpty -b z zsh -f -i
zpty -w z "PS1='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; echo READY"
zpty -r z out '*READY*' || exit 3
zpty -w -n z $'rpod ru\t'
zpty -r z out '*rpod run*' || exit 4
zpty -d z
EOF
        (cd "$empty" && PATH="$bin_dir:$PATH" timeout 30 zsh -f "$tmp/complete.zsh" "$zsh_dir") ||
            fail "zsh: rpod ru<TAB> does not complete to rpod run with $zsh_dir/_rpod"
    else
        missing zsh "the zsh completion"
    fi
    if have fish; then
        out=$(cd "$empty" && PATH="$bin_dir:$PATH" fish --no-config -c "source '$fish_file'; and complete -C 'rpod ru'" 2>&1) ||
            fail "fish: loading $fish_file: $out"
        [ "$(printf '%s\n' "$out" | cut -f1)" = run ] ||
            fail "fish: rpod ru<TAB> gives '$out', not 'run'"
    else
        missing fish "the fish completion"
    fi
    note "completions in $bash_file, $zsh_dir/_rpod, $fish_file load and complete rpod ru<TAB>"
}

# --- the Quadlet generator runs through its link -------------------------------
# check_generator ROOT: the user generator link of ROOT resolves to ROOT's rpod
# and turns the installed web.container example into web.service.
check_generator() {
    local root=$1 share=$2 link out
    for link in "$root/lib/systemd/user-generators/rpod-user-generator" \
        "$root/lib/systemd/system-generators/rpod-system-generator"; do
        [ -L "$link" ] || fail "$link is not a symlink"
        [ "$(readlink -f "$link")" = "$(readlink -f "$root/bin/rpod")" ] ||
            fail "$link points to $(readlink "$link"), not $root/bin/rpod"
    done
    out="$tmp/generated.$RANDOM"
    mkdir -p "$out/normal" "$out/early" "$out/late"
    QUADLET_UNIT_DIRS="$share/rpod" "$root/lib/systemd/user-generators/rpod-user-generator" \
        "$out/normal" "$out/early" "$out/late" || fail "the user generator failed"
    grep -q "^ExecStart=$(readlink -f "$root/bin/rpod") run --name systemd-%N " "$out/normal/web.service" ||
        fail "the generator made no web.service running $root/bin/rpod: $(ls "$out/normal")"
    [ -L "$out/normal/default.target.wants/web.service" ] ||
        fail "the generator did not link web.service into default.target.wants"
    if have systemd-analyze; then
        systemd-analyze verify --man=no "$out/normal/web.service" ||
            fail "systemd-analyze verify of the generated web.service"
    else
        missing systemd-analyze "verifying the generated unit"
    fi
    note "the generator link of $root/bin/rpod generates web.service from the example"
}

# --- the docker shim ------------------------------------------------------------
# check_docker_shim DOCKER ETC: prints podman-docker's notice unless
# ETC/containers/nodocker or the user's nodocker exists, and runs rpod.
check_docker_shim() {
    local docker=$1 etc=$2 home="$tmp/home.$RANDOM" out err
    mkdir -p "$home"
    out=$(HOME=$home XDG_CONFIG_HOME= "$docker" --version 2>"$tmp/err") || fail "$docker --version failed"
    err=$(cat "$tmp/err")
    [ "$out" = "rpod version $version" ] || fail "$docker --version prints '$out'"
    [ "$err" = "Emulate Docker CLI using rpod. Create $etc/containers/nodocker to quiet msg." ] ||
        fail "$docker's notice reads '$err'"
    mkdir -p "$home/.config/containers" && touch "$home/.config/containers/nodocker"
    HOME=$home XDG_CONFIG_HOME= "$docker" --version 2>"$tmp/err" >/dev/null
    [ ! -s "$tmp/err" ] || fail "$docker still prints a notice with ~/.config/containers/nodocker"
    rm "$home/.config/containers/nodocker"
    mkdir -p "$etc/containers" && touch "$etc/containers/nodocker" ||
        fail "cannot create $etc/containers/nodocker"
    HOME=$home "$docker" --version 2>"$tmp/err" >/dev/null
    rm "$etc/containers/nodocker"
    [ ! -s "$tmp/err" ] || fail "$docker still prints a notice with $etc/containers/nodocker"
    note "$docker runs rpod and prints the notice unless nodocker exists"
}

# --- installed into this machine (CI, or --install on a scratch machine) -------------
# install_into_this_machine RPOD_DEB DOCKER_DEB: apt installs both, checks the
# files, man, completions, the docker shim and a verified unit with the system's
# man pages, then purges both and checks nothing is left.
install_into_this_machine() {
    local rpod_deb=$1 docker_deb=$2 f
    [ "$(id -u)" = 0 ] || fail "installing the packages needs root"
    if dpkg-query -W -f='${Status}' docker.io podman-docker 2>/dev/null | grep -q "ok installed"; then
        fail "docker.io or podman-docker is installed: rpod-docker conflicts with them"
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        "$rpod_deb" "$docker_deb" >/dev/null
    for f in $(expected_rpod_files) "${DOCKER_FILES[@]}"; do
        [ -e "/$f" ] || [ -L "/$f" ] || fail "/$f is missing after apt install"
    done
    [ "$(man -w rpod-run)" = /usr/share/man/man1/rpod-run.1.gz ] ||
        fail "man -w rpod-run gives $(man -w rpod-run 2>&1)"
    LC_ALL=C MANWIDTH=200 man rpod-container-run 2>/dev/null |
        grep -q "rpod-run - Run a command in a new container" ||
        fail "man rpod-container-run does not show rpod-run(1)"
    [ "$(rpod --version)" = "rpod version $version" ] || fail "rpod in PATH"
    check_docker_shim /usr/bin/docker /etc
    check_completions /usr/share/bash-completion/completions/rpod /usr/share/zsh/vendor-completions \
        /usr/share/fish/vendor_completions.d/rpod.fish /usr/bin
    check_generator /usr /usr/share
    # The system's man pages this time (no MANPATH).
    if have cargo; then
        RPOD_TEST_BIN=/usr/bin/rpod RPOD_TEST_MANPATH= cargo test --workspace --locked --test it \
            generate::generate_unit_for_an_existing_container -- --exact
    else
        missing cargo "systemd-analyze verify of a unit with the installed man pages"
    fi
    dpkg --purge rpod-docker rpod >/dev/null
    for f in $(expected_rpod_files) "${DOCKER_FILES[@]}"; do
        [ ! -e "/$f" ] && [ ! -L "/$f" ] || fail "/$f is left after dpkg --purge"
    done
    note "apt install of both packages: files, man, completions, generator, docker; purge leaves nothing"
}

if [ "${1:-}" = --install ]; then
    [ $# = 3 ] || fail "usage: $0 --install RPOD_DEB RPOD_DOCKER_DEB"
    version=$(dpkg-deb -f "$2" Version | sed 's/-[^-]*$//')
    install_into_this_machine "$(realpath "$2")" "$(realpath "$3")"
    note "passed"
    exit 0
fi

# --- one release build, reused by cargo-deb and make install -----------------
cargo build --release --locked
version=$(target/release/rpod --version | sed -n 's/^rpod version //p')
[ -n "$version" ] || fail "target/release/rpod --version does not print 'rpod version X'"
for p in "${KEY_PAGES[@]}"; do
    [ -f "man/$p" ] || fail "man/$p is missing"
done

# --- the packages ----------------------------------------------------------------
debs=""
if have cargo-deb; then
    cargo deb --no-build --locked -o "$tmp/rpod.deb" >/dev/null
    cargo deb --no-build --locked --variant docker -o "$tmp/rpod-docker.deb" >/dev/null
    debs=yes
    field() { dpkg-deb -f "$1" "$2"; }
    [ "$(field "$tmp/rpod.deb" Package)" = rpod ] || fail "the package is not called rpod"
    [ "$(field "$tmp/rpod.deb" Version)" = "$version-1" ] || fail "rpod.deb's version is not $version-1"
    depends=$(field "$tmp/rpod.deb" Depends)
    for dep in "uidmap" "passt | slirp4netns" "libc6"; do
        case ", $depends," in *", $dep"[,\ ]*) ;; *) fail "rpod's Depends ($depends) lacks $dep" ;; esac
    done
    [ "$(field "$tmp/rpod.deb" Recommends)" = "fuse-overlayfs, iptables" ] || fail "rpod does not recommend fuse-overlayfs and iptables"
    [ "$(field "$tmp/rpod-docker.deb" Package)" = rpod-docker ] || fail "the docker package is not called rpod-docker"
    [ "$(field "$tmp/rpod-docker.deb" Depends)" = rpod ] || fail "rpod-docker does not depend on rpod"
    conflicts=$(field "$tmp/rpod-docker.deb" Conflicts)
    for c in docker.io podman-docker; do
        case ", $conflicts," in *", $c,"*) ;; *) fail "rpod-docker's Conflicts ($conflicts) lacks $c" ;; esac
    done

    # Unpacked into a fresh root: exactly the listed files.
    deb_root="$tmp/deb-root"
    dpkg -x "$tmp/rpod.deb" "$deb_root"
    diff <(expected_rpod_files | LC_ALL=C sort) <(files_under "$deb_root") ||
        fail "rpod.deb's files (>) differ from the list in $0 (<)"
    docker_root="$tmp/docker-root"
    dpkg -x "$tmp/rpod-docker.deb" "$docker_root"
    diff <(printf '%s\n' "${DOCKER_FILES[@]}" | LC_ALL=C sort) <(files_under "$docker_root") ||
        fail "rpod-docker.deb's files (>) differ from the list in $0 (<)"
    [ "$("$deb_root/usr/bin/rpod" --version)" = "rpod version $version" ] || fail "the packaged rpod"
    note "rpod.deb and rpod-docker.deb hold exactly the listed files"

    check_pages "$deb_root/usr/share/man"
    check_completions "$deb_root/usr/share/bash-completion/completions/rpod" \
        "$deb_root/usr/share/zsh/vendor-completions" \
        "$deb_root/usr/share/fish/vendor_completions.d/rpod.fish" "$deb_root/usr/bin"
    check_generator "$deb_root/usr" "$deb_root/usr/share"
else
    missing cargo-deb "building the .debs (cargo install cargo-deb --locked --version 3.8.0)"
fi

# --- make install: the same files ---------------------------------------------
mk_root="$tmp/make-root"
make -s install install-docker PREFIX=/usr DESTDIR="$mk_root" >/dev/null
if [ -n "$debs" ]; then
    # The same set as both packages, but for Debian's copyright files and the
    # compression of man pages.
    diff <(files_under "$mk_root" | LC_ALL=C sort) \
        <({ files_under "$deb_root"; files_under "$docker_root"; } | grep -v '^usr/share/doc/[^/]*/copyright$' |
            sed 's|^\(usr/share/man/.*\)\.gz$|\1|' | LC_ALL=C sort) ||
        fail "make install PREFIX=/usr DESTDIR=… (<) and the .debs (>) install different files"
    note "make install PREFIX=/usr gives the files of the .debs"
fi
check_pages "$mk_root/usr/share/man"
make -s uninstall uninstall-docker PREFIX=/usr DESTDIR="$mk_root" >/dev/null
left=$(files_under "$mk_root")
[ -z "$left" ] || fail "make uninstall left: $left"

# As a user without root: PREFIX=$HOME/.local.
home="$tmp/user-home"
make -s install install-docker PREFIX="$home/.local" SYSCONFDIR="$home/etc" >/dev/null
[ "$("$home/.local/bin/rpod" --version)" = "rpod version $version" ] || fail "rpod in $home/.local/bin"
MANPATH="$home/.local/share/man" man -w rpod-run >/dev/null 2>&1 || ! have man ||
    fail "man -w rpod-run does not find the page under $home/.local/share/man"
check_completions "$home/.local/share/bash-completion/completions/rpod" \
    "$home/.local/share/zsh/site-functions" \
    "$home/.local/share/fish/vendor_completions.d/rpod.fish" "$home/.local/bin"
check_generator "$home/.local" "$home/.local/share"
check_docker_shim "$home/.local/bin/docker" "$home/etc"
make -s uninstall uninstall-docker PREFIX="$home/.local" >/dev/null
left=$(files_under "$home/.local")
[ -z "$left" ] || fail "make uninstall PREFIX=$home/.local left: $left"

# --- systemd-analyze verify with the installed man pages --------------------------
# A real container's unit (the e2e test builds an image and a registry), run
# by the packaged binary, its Documentation= page looked up in the package.
if [ -n "$debs" ]; then
    RPOD_TEST_BIN="$deb_root/usr/bin/rpod" RPOD_TEST_MANPATH="$deb_root/usr/share/man" \
        cargo test --workspace --locked --test it generate::generate_unit_for_an_existing_container -- --exact
fi

# --- CI only: install the packages into this (throwaway) machine --------------------
if [ -n "${CI:-}" ] && [ -n "$debs" ] && [ "$(id -u)" = 0 ]; then
    install_into_this_machine "$tmp/rpod.deb" "$tmp/rpod-docker.deb"
fi
note "passed"
