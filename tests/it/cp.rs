//! `rpod cp` and `rpod export`: files copied both ways for running and
//! stopped containers, directories, tar streams, symlinks that stay inside
//! the container, rootless ownership, podman's errors, and an exported
//! file system that imports and runs.

use crate::harness::host_stat;
use crate::pull::busybox_env as setup;

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

#[test]
fn files_both_ways_for_running_and_stopped_containers() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "up",
        "--workdir",
        "/tmp",
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    env.rpod([
        "run",
        "--name",
        "down",
        &image,
        "sh",
        "-c",
        "echo made > /made",
    ])
    .run()
    .success();
    let src = env.write_file(std::path::Path::new("in.txt"), "from the host\n");
    let src = src.to_str().unwrap();

    // Host to a running container, into an existing directory.
    env.rpod(["cp", src, "up:/tmp"]).run().success();
    let out = env.rpod(["exec", "up", "cat", "/tmp/in.txt"]).run();
    out.success();
    assert_eq!(out.out(), "from the host", "{out}");
    // Host to a running container under a new name (`container cp`).
    env.rpod(["container", "cp", src, "up:/renamed"])
        .run()
        .success();
    let out = env.rpod(["exec", "up", "cat", "/renamed"]).run();
    assert_eq!(out.out(), "from the host", "{out}");
    // A running container to the host.
    let dst = env.dir.join("passwd.copy");
    env.rpod(["cp", "up:/etc/passwd"]).arg(&dst).run().success();
    assert!(read(&dst).starts_with("root:"), "{}", read(&dst));

    // A stopped container to the host, into a directory.
    env.rpod(["cp", "down:/made"]).arg(&env.dir).run().success();
    assert_eq!(read(&env.dir.join("made")), "made\n");
    // Host to a stopped container, seen when it runs again.
    env.rpod(["cp", src, "down:/made"]).run().success();
    let back = env.dir.join("back");
    env.rpod(["cp", "down:/made"]).arg(&back).run().success();
    assert_eq!(read(&back), "from the host\n");

    // A relative path starts at the container's working directory.
    env.rpod(["create", "--name", "wd", "--workdir", "/tmp", &image])
        .run()
        .success();
    env.rpod(["cp", src, "wd:rel.txt"]).run().success();
    let rel = env.dir.join("rel");
    env.rpod(["cp", "wd:/tmp/rel.txt"])
        .arg(&rel)
        .run()
        .success();
    assert_eq!(read(&rel), "from the host\n");
    // From one container to another.
    env.rpod(["cp", "up:/tmp/in.txt", "down:/from-up"])
        .run()
        .success();
    let other = env.dir.join("other");
    env.rpod(["cp", "down:/from-up"])
        .arg(&other)
        .run()
        .success();
    assert_eq!(read(&other), "from the host\n");

    env.rpod(["rm", "-f", "-t", "0", "up"]).run().success();
}

#[test]
fn directories_and_tar_streams() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "c", &image, "sleep", "1000"])
        .run()
        .success();
    env.write_file(std::path::Path::new("tree/a/b.txt"), "deep\n");
    env.write_file(std::path::Path::new("tree/top.txt"), "top\n");
    let tree = env.dir.join("tree");

    // A directory into a path that does not exist: it becomes that directory.
    env.rpod(["cp"]).arg(&tree).arg("c:/fresh").run().success();
    let out = env
        .rpod(["exec", "c", "cat", "/fresh/a/b.txt", "/fresh/top.txt"])
        .run();
    out.success();
    assert_eq!(out.out(), "deep\ntop", "{out}");
    // Into an existing directory: under its own name.
    env.rpod(["cp"]).arg(&tree).arg("c:/fresh").run().success();
    let out = env.rpod(["exec", "c", "cat", "/fresh/tree/a/b.txt"]).run();
    assert_eq!(out.out(), "deep", "{out}");
    // A container's directory to the host.
    let etc = env.dir.join("etc-copy");
    env.rpod(["cp", "c:/etc"]).arg(&etc).run().success();
    assert!(read(&etc.join("passwd")).starts_with("root:"));

    // A tar stream on stdin lands in the directory named.
    let tar = env.dir.join("in.tar");
    let out = env
        .cmd("tar")
        .arg("-C")
        .arg(&tree)
        .arg("-cf")
        .arg(&tar)
        .arg("top.txt")
        .run();
    out.success();
    let bytes = std::fs::read(&tar).unwrap();
    env.rpod(["create", "--name", "s", &image]).run().success();
    env.rpod(["cp", "-", "s:/tmp"]).stdin(bytes).run().success();
    let back = env.dir.join("top-back");
    env.rpod(["cp", "s:/tmp/top.txt"])
        .arg(&back)
        .run()
        .success();
    assert_eq!(read(&back), "top\n");
    // Compressed with bzip2 too (gzip, zstd and xz go the same way).
    env.cmd("bzip2").arg("-k").arg(&tar).run().success();
    let bz = std::fs::read(env.dir.join("in.tar.bz2")).unwrap();
    env.rpod(["cp", "-", "s:/root"]).stdin(bz).run().success();
    let back = env.dir.join("top-back-bz");
    env.rpod(["cp", "s:/root/top.txt"])
        .arg(&back)
        .run()
        .success();
    assert_eq!(read(&back), "top\n");
    // A tar on stdout: the path under its own name.
    let line = env.rpod_line("cp c:/etc/passwd - | tar -tf -");
    let out = env.cmd("sh").args(["-c", &line]).run();
    out.success();
    assert_eq!(out.out(), "passwd", "{out}");

    env.rpod(["rm", "-f", "-t", "0", "c"]).run().success();
}

#[test]
fn symlinks_resolve_inside_the_container() {
    let (env, image) = require!(setup());
    // A file at the same absolute path on the host and in the container.
    let host = env.write_file(std::path::Path::new("secret"), "host\n");
    let hostdir = env.dir.join("hostdir");
    std::fs::create_dir(&hostdir).unwrap();
    env.chown_to_user(&hostdir);
    let script = format!(
        "mkdir -p {d} && echo inside > {f} && ln -s {f} /link && ln -s {h} /escape",
        d = env.dir.display(),
        f = host.display(),
        h = hostdir.display()
    );
    env.rpod(["run", "--name", "c", &image, "sh", "-c", &script])
        .run()
        .success();

    // -L follows the link: to the container's file, not the host's.
    let out = env.dir.join("followed");
    env.rpod(["cp", "-L", "c:/link"]).arg(&out).run().success();
    assert_eq!(read(&out), "inside\n");
    // Without -L too (podman resolves the source to the end): what the
    // link points to in the container, never the host's file.
    let link = env.dir.join("link");
    env.rpod(["cp", "c:/link"]).arg(&link).run().success();
    assert_eq!(read(&link), "inside\n");
    // A dangling link at the destination is followed inside the container.
    env.rpod(["cp", "c:/link"]).arg(&link).run().success();
    let f = env.write_file(std::path::Path::new("via.txt"), "via the link\n");
    env.rpod(["run", "-d", "--name", "up", &image, "sleep", "1000"])
        .run()
        .success();
    env.rpod(["exec", "up", "ln", "-s", "/tmp/nonesuch", "/tmp/x"])
        .run()
        .success();
    env.rpod(["cp"]).arg(&f).arg("up:/tmp/x").run().success();
    let out = env.rpod(["exec", "up", "cat", "/tmp/nonesuch"]).run();
    assert_eq!(out.out(), "via the link", "{out}");
    env.rpod(["rm", "-f", "-t", "0", "up"]).run().success();
    // A path through a link is resolved in the container too.
    let out = env.dir.join("through");
    let inner = format!("c:{}", host.display());
    env.rpod(["cp", &inner]).arg(&out).run().success();
    assert_eq!(read(&out), "inside\n");

    // Copying into a link to a host directory never writes on the host.
    let f = env.write_file(std::path::Path::new("f.txt"), "x\n");
    let _ = env.rpod(["cp"]).arg(&f).arg("c:/escape/f.txt").run();
    let _ = env.rpod(["cp"]).arg(&f).arg("c:/escape/").run();
    assert!(
        std::fs::read_dir(&hostdir).unwrap().next().is_none(),
        "a copy through /escape wrote on the host"
    );
    assert_eq!(read(&host), "host\n");
}

#[test]
fn ownership_is_the_containers() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "-d",
        "--name",
        "c",
        "--user",
        "1000:1000",
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    let src = env.write_file(std::path::Path::new("mine.txt"), "mine\n");
    // -a (the default): the container's user owns what is copied in.
    env.rpod(["cp"]).arg(&src).arg("c:/tmp/a").run().success();
    let out = env
        .rpod(["exec", "c", "stat", "-c", "%u:%g", "/tmp/a"])
        .run();
    assert_eq!(out.out(), "1000:1000", "{out}");
    // -a=false: the source's owner, the rootless user, is root inside.
    env.rpod(["cp", "-a=false"])
        .arg(&src)
        .arg("c:/tmp/b")
        .run()
        .success();
    let out = env
        .rpod(["exec", "c", "stat", "-c", "%u:%g", "/tmp/b"])
        .run();
    assert_eq!(out.out(), "0:0", "{out}");
    // Out of the container: the user's own file.
    let dst = env.dir.join("out");
    env.rpod(["cp", "c:/etc/passwd"]).arg(&dst).run().success();
    let uid = env.user.as_ref().unwrap().uid;
    assert_eq!(host_stat("%u", &dst), uid.to_string());
    env.rpod(["rm", "-f", "-t", "0", "c"]).run().success();
}

#[test]
fn errors_as_podman() {
    let (env, image) = require!(setup());
    env.rpod(["create", "--name", "c", &image]).run().success();
    let out = env.rpod(["cp", "nosuch:/etc/passwd", "/tmp/x"]).run();
    out.error125().stderr_has("no such container");
    let dst = env.dir.join("x");
    let out = env.rpod(["cp", "c:/nope"]).arg(&dst).run();
    out.error125()
        .stderr_has("\"/nope\" could not be found on container c: no such file or directory");
    assert!(!dst.exists());
    let out = env.rpod(["cp", "/nonexistent-src", "c:/tmp"]).run();
    out.error125().stderr_has("no such file or directory");
    let out = env.rpod(["export", "nosuch", "-o"]).arg(&dst).run();
    out.error125().stderr_has("no such container");
    assert!(!dst.exists());
}

#[test]
fn export_imports_and_runs() {
    let (env, image) = require!(setup());
    env.rpod([
        "run",
        "--name",
        "c",
        &image,
        "sh",
        "-c",
        "echo changed > /changed",
    ])
    .run()
    .success();
    let tar = env.dir.join("c.tar");
    env.rpod(["container", "export", "-o"])
        .arg(&tar)
        .arg("c")
        .run()
        .success();
    let out = env.cmd("tar").arg("-tf").arg(&tar).run();
    out.success();
    assert!(out.lines().contains(&"changed"), "{out}");
    assert!(out.lines().contains(&"bin/busybox"), "{out}");
    env.rpod(["import", "-q"])
        .arg(&tar)
        .arg("exported")
        .run()
        .success();
    let out = env
        .rpod([
            "run",
            "--rm",
            "exported",
            "sh",
            "-c",
            "cat /changed; ls /etc/passwd",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "changed\n/etc/passwd", "{out}");
}

#[test]
fn a_running_container_sees_copies_at_once() {
    let (env, image) = require!(setup());
    for name in ["a", "b"] {
        env.rpod(["run", "-d", "--name", name, &image, "sleep", "1000"])
            .run()
            .success();
    }
    // The container looks first: a copy made through a second mount of its
    // file system would stay hidden behind what its own mount cached.
    let out = env.rpod(["exec", "a", "ls", "/tmp/new.txt"]).run();
    assert_ne!(out.code, 0, "{out}");
    let src = env.write_file(std::path::Path::new("new.txt"), "fresh\n");
    env.rpod(["cp"]).arg(&src).arg("a:/tmp/").run().success();
    let out = env.rpod(["exec", "a", "cat", "/tmp/new.txt"]).run();
    out.success();
    assert_eq!(out.out(), "fresh", "{out}");

    // A tar stream on stdin: a directory, a file in it, a symlink.
    env.write_file(std::path::Path::new("t/d/f.txt"), "in a tar\n");
    let tree = env.dir.join("t");
    let out = env
        .cmd("sh")
        .arg("-c")
        .arg("ln -s d/f.txt l && tar -cf ../t.tar d l")
        .current_dir(&tree)
        .run();
    out.success();
    let bytes = std::fs::read(env.dir.join("t.tar")).unwrap();
    let out = env.rpod(["exec", "a", "ls", "/tmp/d"]).run();
    assert_ne!(out.code, 0, "{out}");
    env.rpod(["cp", "-", "a:/tmp"]).stdin(bytes).run().success();
    let out = env
        .rpod([
            "exec",
            "a",
            "sh",
            "-c",
            "cat /tmp/d/f.txt /tmp/l; readlink /tmp/l",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "in a tar\nin a tar\nd/f.txt", "{out}");

    // From one running container into another.
    let out = env.rpod(["exec", "b", "ls", "/tmp/new.txt"]).run();
    assert_ne!(out.code, 0, "{out}");
    env.rpod(["cp", "a:/tmp/new.txt", "b:/tmp/"])
        .run()
        .success();
    env.rpod(["cp", "a:/tmp/d", "b:/copied"]).run().success();
    let out = env
        .rpod(["exec", "b", "cat", "/tmp/new.txt", "/copied/f.txt"])
        .run();
    out.success();
    assert_eq!(out.out(), "fresh\nin a tar", "{out}");
    // A source missing in the first container: its error, nothing written.
    let out = env.rpod(["cp", "a:/nope", "b:/tmp/nope"]).run();
    out.error125()
        .stderr_has("\"/nope\" could not be found on container a");
    let out = env.rpod(["exec", "b", "ls", "/tmp/nope"]).run();
    assert_ne!(out.code, 0, "{out}");
    // A destination that refuses the copy while the source still writes
    // (more than a pipe holds): the destination's error, not the broken
    // pipe the source sees.
    let big = env.write_file(std::path::Path::new("big/blob"), &"x".repeat(1 << 20));
    env.rpod(["cp"])
        .arg(big.parent().unwrap())
        .arg("a:/tmp/")
        .run()
        .success();
    let out = env.rpod(["cp", "a:/tmp/big", "b:/etc/hostname"]).run();
    out.error125()
        .stderr_has("destination must be a directory when copying a directory");
    assert!(!out.stderr.contains("roken pipe"), "{out}");
    env.rpod(["rm", "-f", "-t", "0", "a", "b"]).run().success();
}

#[test]
fn volumes_and_binds_are_copied_through() {
    let (env, image) = require!(setup());
    let bind = env.dir.join("bind");
    std::fs::create_dir(&bind).unwrap();
    env.chown_to_user(&bind);
    let bind_arg = format!("{}:/bind", bind.display());
    env.rpod([
        "run",
        "-d",
        "--name",
        "c",
        "-v",
        "vol:/data",
        "-v",
        &bind_arg,
        &image,
        "sleep",
        "1000",
    ])
    .run()
    .success();
    let src = env.write_file(std::path::Path::new("v.txt"), "to the volume\n");
    env.rpod(["cp"])
        .arg(&src)
        .arg("c:/data/v.txt")
        .run()
        .success();
    env.rpod(["cp"]).arg(&src).arg("c:/bind/").run().success();
    let out = env.rpod(["exec", "c", "cat", "/data/v.txt"]).run();
    assert_eq!(out.out(), "to the volume", "{out}");
    // The bind mount's file is on the host, the host user's.
    assert_eq!(read(&bind.join("v.txt")), "to the volume\n");
    let uid = env.user.as_ref().unwrap().uid;
    assert_eq!(host_stat("%u", &bind.join("v.txt")), uid.to_string());
    // Out of the volume, through the container.
    let back = env.dir.join("back.txt");
    env.rpod(["cp", "c:/data/v.txt"]).arg(&back).run().success();
    assert_eq!(read(&back), "to the volume\n");
    env.rpod(["rm", "-f", "-t", "0", "c"]).run().success();

    // A stopped container's volume is reached too.
    env.rpod(["create", "--name", "s", "-v", "vol:/data", &image])
        .run()
        .success();
    let src2 = env.write_file(std::path::Path::new("w.txt"), "while stopped\n");
    env.rpod(["cp"]).arg(&src2).arg("s:/data/").run().success();
    let out = env
        .rpod([
            "run", "--rm", "-v", "vol:/v", &image, "cat", "/v/w.txt", "/v/v.txt",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "while stopped\nto the volume", "{out}");
    let back = env.dir.join("back2.txt");
    env.rpod(["cp", "s:/data/w.txt"]).arg(&back).run().success();
    assert_eq!(read(&back), "while stopped\n");
}

#[test]
fn links_modes_times_and_xattrs_are_kept() {
    let (env, image) = require!(setup());
    env.rpod(["run", "-d", "--name", "c", &image, "sleep", "1000"])
        .run()
        .success();
    env.write_file(std::path::Path::new("hl/a"), "linked\n");
    let hl = env.dir.join("hl");
    let xattr = crate::harness::have("setfattr");
    let script = format!(
        "ln a b && ln -s a s && chmod 0751 a && touch -d @1000000000 a && mkdir sub && touch -d @900000000 sub{}",
        if xattr { " && setfattr -n user.note -v kept a" } else { "" }
    );
    env.cmd("sh")
        .arg("-c")
        .arg(&script)
        .current_dir(&hl)
        .run()
        .success();
    env.rpod(["cp"]).arg(&hl).arg("c:/hl").run().success();
    let out = env
        .rpod([
            "exec",
            "c",
            "stat",
            "-c",
            "%n %i %h %a %Y",
            "/hl/a",
            "/hl/b",
            "/hl/sub",
        ])
        .run();
    out.success();
    let lines = out.lines();
    let f: Vec<Vec<&str>> = lines.iter().map(|l| l.split(' ').collect()).collect();
    assert_eq!(f[0][1], f[1][1], "a and b are one file: {out}");
    assert_eq!(f[0][2], "2", "{out}");
    assert_eq!(f[0][3], "751", "{out}");
    assert_eq!(f[0][4], "1000000000", "{out}");
    assert_eq!(f[2][4], "900000000", "a directory's time is kept: {out}");
    let out = env.rpod(["exec", "c", "readlink", "/hl/s"]).run();
    assert_eq!(out.out(), "a", "{out}");

    // And back out: still a pair.
    let back = env.dir.join("hl-back");
    env.rpod(["cp", "c:/hl"]).arg(&back).run().success();
    use std::os::unix::fs::MetadataExt;
    let a = std::fs::metadata(back.join("a")).unwrap();
    let b = std::fs::metadata(back.join("b")).unwrap();
    assert_eq!(a.ino(), b.ino());
    assert_eq!(a.mode() & 0o7777, 0o751);
    assert_eq!(a.mtime(), 1_000_000_000);
    if xattr {
        let out = env
            .cmd("getfattr")
            .args(["--only-values", "-n", "user.note"])
            .arg(back.join("a"))
            .run();
        out.success();
        assert_eq!(out.out(), "kept", "{out}");
    }
    env.rpod(["rm", "-f", "-t", "0", "c"]).run().success();
}

#[test]
fn a_copy_under_a_tmpfs_of_a_created_container_is_seen_once_it_runs() {
    let (env, image) = require!(setup());
    // podman's tmpcopyup (the default): the image's content at a tmpfs
    // destination, and what cp put there before the start, is in the tmpfs.
    env.rpod([
        "create",
        "--name",
        "t",
        "--mount",
        "type=tmpfs,dst=/etc",
        &image,
    ])
    .args(["sleep", "1000"])
    .run()
    .success();
    let src = env.write_file(std::path::Path::new("under.txt"), "under the tmpfs\n");
    env.rpod(["cp"]).arg(&src).arg("t:/etc").run().success();
    env.rpod(["start", "t"]).run().success();
    let out = env
        .rpod([
            "exec",
            "t",
            "sh",
            "-c",
            "cat /etc/under.txt; head -c 5 /etc/passwd; echo; stat -f -c %T /etc",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "under the tmpfs\nroot:\ntmpfs", "{out}");
    // notmpcopyup: an empty tmpfs (rpod's own /etc files are bound in).
    let out = env
        .rpod([
            "run",
            "--rm",
            "--mount",
            "type=tmpfs,dst=/etc,notmpcopyup",
            &image,
        ])
        .args(["sh", "-c", "test -e /etc/passwd || echo empty"])
        .run();
    out.success();
    assert_eq!(out.out(), "empty", "{out}");
    env.rpod(["rm", "-f", "-t", "0", "t"]).run().success();
}
