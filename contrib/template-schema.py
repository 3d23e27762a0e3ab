#!/usr/bin/env python3
"""Writes src/output/template/schema.txt: the Go types of the data podman's
`--format` templates see, so that rpod's template engine prints each field as
Go would (a nil slice `[]`, a nil map `map[]`, a struct `{a b}`, a time
`2024-01-02 03:04:05 +0000 UTC`, ...).

Usage: contrib/template-schema.py PODMAN_GIT_DIR TAG > src/output/template/schema.txt

It reads the struct definitions (fields, json tags, embedded structs) of the
packages podman's reports are made of, and the no-argument methods of the
reporter types in cmd/podman (a template's `.Names` on a `ps` row calls the
method), and writes the types reachable from ROOTS, one line per field:

    TYPE pkg.Name
     GoName json type [o]     json: '-' not serialised, '~' embedded inline;
                              GoName '^': embedded; 'o': omitempty
     Name() - type            a method (wins over a field of that name)
"""

import re
import subprocess
import sys

DIRS = [
    "libpod/define/",
    "pkg/inspect/",
    "pkg/domain/entities/",
    "cmd/podman/",
    "vendor/go.podman.io/common/libnetwork/types/",
    "vendor/go.podman.io/image/v5/manifest/",
    "vendor/go.podman.io/storage/types/",
    "vendor/github.com/opencontainers/image-spec/specs-go/v1/",
    "vendor/github.com/opencontainers/runtime-spec/specs-go/",
    "vendor/github.com/opencontainers/go-digest/",
    "vendor/go.podman.io/storage/pkg/idtools/",
    "libpod/events/",
    "pkg/ps/define/",
]

# The Go type each rpod command's template runs on.
ROOTS = [
    "define.InspectContainerData",
    "inspect.ImageData",
    "define.InspectVolumeData",
    "types.NetworkInspectReport",
    "define.InspectPodData",
    "define.Info",
    "types.SystemVersionReport",
    "containers.psReporter",
    "images.imageReporter",
    "images.historyReporter",
    "entities.VolumeListReport",
    "network.ListPrintReports",
    "pods.ListPodReporter",
    "containers.containerStats",
    "system.Event",
    "system.dfSummary",
    "system.dfImage",
    "system.dfContainer",
    "system.dfVolume",
    "define.InspectExecSession",
    "define.InspectSecret",
    "types.SecretInfoReport",
    "types.SecretListReport",
]

# podman's types outside cmd/podman whose methods templates call
# (`{{.State.Healthcheck}}`).
METHODS_OF = {"define.InspectContainerState"}

# Types Go prints with a String() method, kept as they are.
STRINGERS = {
    "time.Time": "time.Time",
    "time.Duration": "time.Duration",
    "net.IP": "net.IP",
    "net.IPNet": "net.IPNet",
    "types.IPNet": "types.IPNet",
    "net.HardwareAddr": "net.HardwareAddr",
    "types.HardwareAddr": "net.HardwareAddr",
}

BUILTINS = {
    "string", "bool", "int", "int8", "int16", "int32", "int64", "uint",
    "uint8", "uint16", "uint32", "uint64", "float32", "float64", "byte",
    "rune", "uintptr",
}


def git(*args):
    return subprocess.run(["git", "-C", REPO] + list(args), check=True,
                          capture_output=True, text=True).stdout


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    return re.sub(r"(?m)^(([^`\"/]|\"[^\"]*\"|`[^`]*`)*?)//.*$", r"\1", src)


structs = {}   # "pkg.Name" -> [(go, json, type, omitempty, embedded)]
named = {}     # "pkg.Name" -> underlying type expression
methods = {}   # "pkg.Name" -> [(name, type)]


def qualify(t, pkg):
    """Qualifies bare type names in a type expression with `pkg`."""
    t = t.strip().replace("interface{}", "any").replace("interface {}", "any")
    if t.startswith("*"):
        return "*" + qualify(t[1:], pkg)
    if t.startswith("[]"):
        return "[]" + qualify(t[2:], pkg)
    m = re.match(r"^\[\d+\](.*)$", t)
    if m:
        return "[]" + qualify(m.group(1), pkg)
    if t.startswith("map["):
        depth, i = 0, 3
        for i in range(3, len(t)):
            depth += t[i] == "["
            depth -= t[i] == "]"
            if depth == 0:
                break
        return "map[" + qualify(t[4:i], pkg) + "]" + qualify(t[i + 1:], pkg)
    if t in ("struct{}", "struct {}"):
        return "struct{}"
    if t in BUILTINS or t == "any" or "." in t:
        return {"byte": "uint8", "rune": "int32"}.get(t, t)
    if t.startswith("func") or t.startswith("chan"):
        return "any"
    return pkg + "." + t


def parse_file(path, src):
    pkg = re.search(r"(?m)^package (\w+)", src)
    if not pkg:
        return
    pkg = pkg.group(1)
    src = strip_comments(src)
    for m in re.finditer(r"(?ms)^type (\w+) struct \{\n(.*?)^\}", src):
        fields = []
        body = m.group(2)
        for line in body.splitlines():
            line = line.strip()
            if not line:
                continue
            tag = re.search(r"`[^`]*`", line)
            tagtext = tag.group(0) if tag else ""
            decl = re.sub(r"`[^`]*`", "", line).strip()
            jt = re.search(r'json:"([^"]*)"', tagtext)
            jparts = jt.group(1).split(",") if jt else [""]
            parts = decl.split(None, 1)
            if len(parts) == 1:  # embedded
                typ = parts[0]
                go = typ.lstrip("*").split(".")[-1]
                if not go[0].isupper():
                    continue
                inline = jparts[0] == "" or "inline" in jparts
                json = "~" if inline else jparts[0]
                if jparts[0] == "-":
                    json = "-"
                fields.append(("^" + go, json, qualify(typ, pkg), "omitempty" in jparts))
                continue
            names, typ = parts
            for go in [n.strip() for n in names.split(",")]:
                if not go or not go[0].isupper():
                    continue
                json = jparts[0] or go
                fields.append((go, json, qualify(typ, pkg), "omitempty" in jparts))
        structs.setdefault(pkg + "." + m.group(1), fields)
    for m in re.finditer(r"(?m)^type (\w+) (=\s*)?([\w.*\[\]{} ]+)$", src):
        if m.group(3).strip().startswith("struct") or m.group(3).strip().startswith("interface"):
            continue
        named.setdefault(pkg + "." + m.group(1), qualify(m.group(3), pkg))
    for m in re.finditer(r"(?m)^func \(\w+ \*?(\w+)\) ([A-Z]\w*)\(\) ([\w.*\[\]]+) \{", src):
        methods.setdefault(pkg + "." + m.group(1), []).append((m.group(2), qualify(m.group(3), pkg)))


def resolve(t, seen=()):
    """The type expression with named non-struct types replaced by their underlying type."""
    if t.startswith("*"):
        return "*" + resolve(t[1:], seen)
    if t.startswith("[]"):
        return "[]" + resolve(t[2:], seen)
    if t.startswith("map["):
        depth, i = 0, 3
        for i in range(3, len(t)):
            depth += t[i] == "["
            depth -= t[i] == "]"
            if depth == 0:
                break
        return "map[" + resolve(t[4:i], seen) + "]" + resolve(t[i + 1:], seen)
    if t in STRINGERS:
        return STRINGERS[t]
    if t in structs or t in BUILTINS or t in ("any", "struct{}"):
        return t
    if t in named and t not in seen:
        return resolve(named[t], seen + (t,))
    # A type of a package not read: by its bare name, if one package has it.
    bare = t.split(".")[-1]
    hits = [k for k in structs if k.split(".")[-1] == bare]
    if len(hits) == 1:
        return hits[0]
    hits = [k for k in named if k.split(".")[-1] == bare]
    if len(hits) == 1 and hits[0] not in seen:
        return resolve(named[hits[0]], seen + (hits[0],))
    return "?"


def struct_refs(t):
    return [x for x in re.findall(r"[\w]+\.[\w]+", t) if x in structs]


def main():
    global REPO
    REPO, tag = sys.argv[1], sys.argv[2]
    files = git("ls-tree", "-r", "--name-only", tag).splitlines()
    for f in files:
        if f.endswith(".go") and not f.endswith("_test.go") and any(f.startswith(d) for d in DIRS):
            if f.startswith("cmd/podman/") and f.count("/") > 3:
                continue
            parse_file(f, git("show", f"{tag}:{f}"))
    out = [f"# podman {tag}'s template types, written by contrib/template-schema.py: do not edit."]
    todo = [resolve(r) for r in ROOTS]
    done = set()
    while todo:
        t = todo.pop(0)
        if t in done or t not in structs:
            if t not in structs:
                print(f"missing root or type {t}", file=sys.stderr)
            continue
        done.add(t)
        out.append(t)
        for go, json, typ, omit in structs[t]:
            r = resolve(typ)
            out.append(f" {go} {json} {r}" + (" o" if omit else ""))
            todo.extend(struct_refs(r))
        if t.split(".")[0] in ("containers", "images", "volumes", "network", "pods", "system", "secrets") or t in METHODS_OF:
            for name, typ in methods.get(t, []):
                r = resolve(typ)
                out.append(f" {name}() - {r}")
                todo.extend(struct_refs(r))
    print("\n".join(out))


main()
