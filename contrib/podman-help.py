#!/usr/bin/env python3
"""Compares rpod's --help with podman's source (cmd/podman/**.go, buildah's
and containers/common's flag helpers): each command's flag descriptions
against the flags the podman file of that verb defines (then the shared
helpers in cmd/podman/common); `--usage` writes instead the usage table
rpod's help prints (src/usage.txt) from podman's cobra `Use:` strings.

Usage: contrib/podman-help.py RPOD_BINARY [--usage] [PODMAN_GIT_DIR [TAG]]
"""
import re, subprocess, sys, collections, json

ARGS = [a for a in sys.argv[1:] if a != "--usage"]
RPOD = ARGS[0]
REPO = ARGS[1] if len(ARGS) > 1 else "/work/.mirror/containers+podman/repo"
TAG = ARGS[2] if len(ARGS) > 2 else "v5.8.2"

def git(*a):
    return subprocess.run(["git", "-C", REPO] + list(a), capture_output=True, text=True).stdout

def jl(s):
    try:
        return json.loads(s, strict=False)
    except Exception:
        return s[1:-1]

def tokens(s, i):
    """Parses a Go call's argument list starting after '('; returns (args, end)."""
    args, cur, depth = [], "", 0
    while i < len(s):
        c = s[i]
        if c == '"':
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur += s[i:j + 1]; i = j + 1; continue
        if c == '`':
            j = s.index('`', i + 1); cur += s[i:j + 1]; i = j + 1; continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append(cur.strip())
                return [a for a in args if a], i
            depth -= 1
        elif c == "," and depth == 0:
            args.append(cur.strip()); cur = ""; i += 1; continue
        cur += c; i += 1
    return args, i

def strval(expr, consts):
    parts = [p.strip() for p in re.split(r'\s*\+\s*(?=(?:[^"]*"[^"]*")*[^"]*$)', expr)]
    out = ""
    for p in parts:
        if p.startswith('"'):
            out += jl(p)
        elif p.startswith('`'):
            out += p[1:-1]
        elif p in consts:
            out += consts[p]
        else:
            return None
    return out

FLAGTYPES = r"(?:String|Bool|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|StringSlice|StringArray|IntSlice|Duration|StringToString|BytesHex|Count|Var)"
call = re.compile(r"\.(" + FLAGTYPES + r")(Var)?(P)?\(")

by_file = collections.defaultdict(dict)   # file -> flag -> desc
by_flag = collections.defaultdict(set)
files = [f for f in git("ls-tree", "-r", "--name-only", TAG, "cmd/podman",
                        "vendor/github.com/containers/buildah/pkg/cli",
                        "vendor/go.podman.io/common/pkg/auth").splitlines()
         if f.endswith(".go") and not f.endswith("_test.go")]
globalconsts = {}
srcs = {}
for f in files:
    src = git("show", f"{TAG}:{f}")
    srcs[f] = src
    for m in re.finditer(r'(\w+)\s*(?::=|=)\s*("(?:[^"\\\n]|\\.)*")', src):
        globalconsts.setdefault(m.group(1), jl(m.group(2)))
for f, src in srcs.items():
    consts = dict(globalconsts)
    for m in re.finditer(r'(\w+)\s*(?::=|=)\s*("(?:[^"\\\n]|\\.)*")', src):
        consts[m.group(1)] = jl(m.group(2))
    for m in call.finditer(src):
        typ, var, p = m.groups()
        args, _ = tokens(src, m.end())
        if typ == "Var" and var is None:
            # flags.Var(value, name, usage) / VarP(value, name, short, usage)
            name_i = 1
        else:
            name_i = 1 if var else 0
        if len(args) <= name_i + 1:
            continue
        name = strval(args[name_i], consts)
        desc = strval(args[-1], consts)
        if not name or not re.match(r"^[a-z0-9-]+$", name):
            continue
        if desc is None:
            by_file[f].setdefault(name, None)
            continue
        by_file[f][name] = desc
        by_flag[name].add(desc)

def rpod_flags(words):
    out = subprocess.run([RPOD] + words + ["--help"], capture_output=True, text=True).stdout
    d = {}
    for line in out.splitlines():
        m = re.match(r'^\s+(?:-\w, )?--([a-z0-9-]+)(?: \S+)?\s{2,}(.*)$', line)
        if m:
            d[m.group(1)] = m.group(2).strip()
    return d, out

def subcommands(words):
    out = subprocess.run([RPOD] + words + ["--help"], capture_output=True, text=True).stdout
    cmds, on = [], False
    for line in out.splitlines():
        if re.match(r"^(Available )?Commands:", line):
            on = True; continue
        if on:
            m = re.match(r"^  (\S+)\s", line)
            if m: cmds.append(m.group(1))
            elif line.strip() == "": on = False
    return cmds

def norm(s):
    s = pflag_text(s)
    s = re.sub(r'\s*\(default [^)]*\)$', '', s)
    return s.replace("Podman", "rpod").replace("podman", "rpod").strip().lower()

GROUPS = {"container": "containers", "image": "images", "pod": "pods", "volume": "volumes",
          "network": "networks", "system": "system", "secret": "secrets", "manifest": "manifest",
          "artifact": "artifact", "generate": "generate", "kube": "kube", "machine": "machine",
          "healthcheck": "healthcheck", "quadlet": "quadlet", "farm": "farm", "play": "kube"}
ALIASES = {("containers", "list"): "ps", ("containers", "ls"): "ps", ("images", "ls"): "list",
           ("pods", "ls"): "ps", ("pods", "list"): "ps", ("volumes", "ls"): "list",
           ("networks", "ls"): "list", ("secrets", "ls"): "list", ("images", "rm"): "rm",
           ("kube", "kube"): "play", ("images", "build"): "build"}
TOP = {"rmi": ("images", "rm"), "images": ("images", "list"), "build": ("images", "build"),
       "pull": ("images", "pull"), "push": ("images", "push"), "save": ("images", "save"),
       "load": ("images", "load"), "import": ("images", "import"), "tag": ("images", "tag"),
       "history": ("images", "history"), "search": ("images", "search"), "events": ("system", "events"),
       "info": ("system", "info"), "version": ("system", "version"), "login": ("registry", "login"),
       "buildx": ("images", "build")}

AUTH_FLAGS = {"authfile", "cert-dir", "creds", "tls-verify", "password", "password-stdin",
              "username", "get-login", "compat-auth-file"}

def candidates(words):
    verb = words[-1]
    if len(words) == 1 and f"cmd/podman/{verb}.go" in srcs:
        return [f"cmd/podman/{verb}.go"]
    if len(words) == 1:
        grp, v = TOP.get(verb, ("containers", verb))
    else:
        grp = GROUPS.get(words[0], words[0])
        v = ALIASES.get((grp, verb), verb)
        if words[0] == "buildx":
            grp, v = "images", "build"
    fs = [f for f in by_file if f == f"cmd/podman/{grp}/{v}.go"]
    if not fs and len(words) == 1:
        fs = [f for f in by_file if f.rsplit("/", 1)[-1] == f"{v}.go" and f.count("/") == 2]
    return fs

tot = diff = 0
report = []
fixes = []
allrows = []

def pflag_text(u):
    """What pflag prints: the first line, the first `name` unquoted."""
    u = u.split("\n")[0]
    i = u.find("`")
    if i >= 0:
        j = u.find("`", i + 1)
        if j > i:
            u = u[:i] + u[i + 1:j] + u[j + 1:]
    return u
def walk(words, depth=0):
    global tot, diff
    subs = subcommands(words)
    if subs and depth < 2:
        for s in subs:
            if s == "help":
                continue
            walk(words + [s], depth + 1)
    if not words or words[0] == "compose":
        return  # podman compose runs docker-compose: no flags of podman's
    flags, _ = rpod_flags(words)
    fs = candidates(words)
    for k, rdesc in flags.items():
        if k == "help":
            continue
        local = [by_file[f][k] for f in fs if k in by_file[f]]
        if None in local:
            continue  # podman computes its description
        local = [d for d in local if d is not None]
        shared = ("cmd/podman/common/", "cmd/podman/registry", "vendor/")
        if words[-1] in ("build",):
            local = local or [by_file[f][k] for f in by_file if "buildah" in f and k in by_file[f]]
            if not local:
                continue
        common = [d for f, dd in by_file.items() if f.startswith(shared[:2]) for kk, d in dd.items() if kk == k]
        vend = [d for f, dd in by_file.items() if f.startswith("vendor/go.podman.io") for kk, d in dd.items() if kk == k]
        common = [d for d in common if d is not None]
        vend = [d for d in vend if d is not None]
        if k not in AUTH_FLAGS and words[0] not in ("login", "logout"):
            vend = []
        want = local or common or vend
        if not want:
            continue
        tot += 1
        if any("\n" in w and not w.startswith("Act on the latest") for w in want):
            continue  # several lines: left as rpod words it
        allrows.append((' '.join(words), k, rdesc, [w.split("\n")[0] for w in want]))
        if norm(rdesc) not in {norm(w) for w in want}:
            diff += 1
            report.append(f"{' '.join(words)} --{k}\n   podman: {' | '.join(want)}\n   rpod:   {rdesc}")
            if len(set(norm(w) for w in want)) == 1:
                fixes.append((' '.join(words), k, rdesc, want[0].split("\n")[0].replace("`", "")))

def usage_table():
    uses = {}
    for f, src in srcs.items():
        for m in re.finditer(r'Use:\s*"([^"]*)"', src):
            uses.setdefault(f, []).append(m.group(1))
    rows = []

    def visit(words, depth=0):
        subs = subcommands(words)
        if subs and depth < 2:
            for s in subs:
                if s != "help":
                    visit(words + [s], depth + 1)
        if not words or words[0] == "compose":
            return
        fs = candidates(words)
        verb = words[-1]
        alias = ALIASES.get((GROUPS.get(words[0], ""), verb), verb)
        cands = [c for f in fs for c in uses.get(f, [])]
        cands = [c for c in cands if c.split(" ")[0] in (verb, alias) or len(fs) == 1]
        if cands:
            rows.append((" ".join(words), " ".join(cands[0].split(" ")[1:])))

    visit([])
    print(f"# podman {TAG}'s usage lines (cobra `Use:`, after the verb), by rpod command path;")
    print("# written from podman's cmd/podman by contrib/podman-help.py --usage: do not edit.")
    for path, u in sorted(rows):
        print(f"{path}\t{u}")


if "--usage" in sys.argv:
    usage_table()
    sys.exit(0)
walk([])
print("\n".join(report))

print(f"# {diff} of {tot} flags differ from podman {TAG}'s definitions")
