//! Issue 21: the container's file system boundary. Hostile images whose
//! mount targets, /dev, /etc files and working directory are symlinks to the
//! host; a container that plants such a symlink for its next start; a
//! container that plants one in a shared volume while another one copies the
//! image's content into it; `-v SRC:DST:ro` with mounts below SRC; uids and
//! gids that are -1 or out of range. Each performs the attack (rootless, and
//! rootful where it means something, with openat2 and with the fallback
//! resolver that kernels without it get) and checks that it fails safely:
//! nothing appears or changes outside the container's root or the store.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crate::fixtures::{self, base_tar, image_with, layer, Compression, Fixture, Tar};
use crate::harness::{host_stat, is_root, prerequisite, walk, Env, Output};
use crate::pull::pull;
use crate::registry::{self, Shared};

/// Where the hostile images' symlinks point on the host
/// (`/tmp/rpod-fs-sentinel-PID`, so that concurrent runs do not meet): the
/// tests create it world-writable (so that an escape would succeed) and
/// check that it stays empty. Also the directory of the host files the
/// hostile /etc/passwd and /etc/group point at (`…/secrets`, outside the
/// checked part).
fn sentinel_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        use std::os::unix::fs::PermissionsExt;
        // Those of earlier runs that are gone.
        for e in std::fs::read_dir("/tmp").into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("rpod-fs-sentinel-") {
                if !Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let top = PathBuf::from(format!("/tmp/rpod-fs-sentinel-{}", std::process::id()));
        let targets = LINKED_DIRS.iter().map(|d| top.join("escape").join(d));
        for d in [top.join("escape"), top.join("secrets")]
            .into_iter()
            .chain(targets)
        {
            std::fs::create_dir_all(&d).expect("creating the sentinel dir");
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o777))
                .expect("chmod sentinel");
        }
        std::fs::set_permissions(&top, std::fs::Permissions::from_mode(0o755)).unwrap();
        for f in ["passwd", "group"] {
            let p = top.join("secrets").join(f);
            std::fs::write(&p, format!("{HOST_USER}:x:4242:4242::/:/bin/sh\n"))
                .expect("writing a secret");
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        top
    })
}

/// The directory the images' symlinks point into.
fn sentinel() -> PathBuf {
    sentinel_dir().join("escape")
}

/// The hostile image's top-level symlinks, each to a directory of that name
/// in the sentinel directory (existing, world-writable: an escape would
/// succeed there).
const LINKED_DIRS: &[&str] = &["dev", "proc", "sys", "run", "mnt", "w"];

/// A line only the host's secret passwd has.
const HOST_USER: &str = "hostonly";

/// What appeared under the sentinel directory.
fn escaped() -> Vec<PathBuf> {
    let s = sentinel();
    walk(&s)
        .into_iter()
        .filter(|p| !LINKED_DIRS.iter().any(|d| *p == s.join(d)))
        .collect()
}

#[track_caller]
fn assert_nothing_escaped(out: &Output) {
    let found = escaped();
    assert!(
        found.is_empty(),
        "created on the host through the image's symlinks: {found:?}\n{out}"
    );
}

/// The hostile images, pushed once to the shared registry.
fn images() -> Option<&'static Shared> {
    static PUSHED: OnceLock<Result<(), String>> = OnceLock::new();
    let shared = registry::plain()?;
    let r = PUSHED.get_or_init(|| {
        let p = fixtures::Pusher::new(shared.addr(), None);
        hostile_fixtures().iter().try_for_each(|f| p.push(f, None))
    });
    match r {
        Ok(()) => Some(shared),
        Err(e) => prerequisite(&format!("pushing the file-system hostile images: {e}")),
    }
}

fn one(repo: &str, extra: &Tar, config: serde_json::Value) -> Fixture {
    let layers = vec![
        layer(&base_tar(), Compression::Gzip, false),
        layer(&extra.finish(), Compression::Gzip, false),
    ];
    Fixture {
        repo: repo.into(),
        tag: "latest".into(),
        images: vec![image_with(
            layers,
            fixtures::host_arch(),
            false,
            repo,
            config,
        )],
        index: None,
        damage: vec![],
    }
}

fn hostile_fixtures() -> Vec<Fixture> {
    let s = sentinel().display().to_string();
    let secrets = sentinel_dir().join("secrets").display().to_string();
    // Every place rpod creates or mounts something is a symlink out of the
    // root: /dev (its tmpfs, then device nodes and links), /proc, /sys,
    // /etc's generated files, the directory above -v and --tmpfs targets,
    // and the working directory's parent.
    let mut links = Tar::new();
    for d in LINKED_DIRS {
        links.symlink(d, &format!("{s}/{d}"));
    }
    for f in ["hosts", "hostname", "resolv.conf"] {
        links.symlink(&format!("etc/{f}"), &format!("{s}/{f}"));
    }
    let mut passwd = Tar::new();
    passwd
        .symlink("etc/passwd", &format!("{secrets}/passwd"))
        .symlink("etc/group", &format!("{secrets}/group"));
    let mut user = Tar::new();
    user.file(
        "etc/passwd",
        b"root:x:0:0:root:/root:/bin/sh\nevil:x:4294967295:0:evil:/:/bin/sh\n",
        0o644,
    );
    vec![
        one(
            "fs-links",
            &links,
            serde_json::json!({"WorkingDir": "/w/sub"}),
        ),
        one("fs-passwd", &passwd, serde_json::json!({})),
        one("fs-user", &user, serde_json::json!({"User": "4294967295"})),
    ]
}

fn env(rootful: bool, no_openat2: bool) -> Option<Env> {
    let mut env = if rootful {
        Env::rootful()?
    } else {
        Env::rootless()?
    };
    if no_openat2 {
        env.set_env("RPOD_NO_OPENAT2", "1");
    }
    Some(env)
}

/// An image whose /dev, /proc, /sys, /run, /etc files, mount targets'
/// parent and WORKDIR are symlinks to the host runs normally, with all of
/// that inside its root, and nothing appears on the host.
fn image_symlinks_stay_inside(rootful: bool, no_openat2: bool) {
    let shared = require!(images());
    let env = require!(env(rootful, no_openat2));
    let s = sentinel().display().to_string();
    pull(&env, shared, "fs-links:latest");
    let image = shared.reference("fs-links:latest");
    let script = "pwd -P; test -c /dev/null && echo devnull; cat /etc/hostname; \
                  echo v > /mnt/data/f && echo t > /mnt/tmp/f && cat /mnt/data/f /mnt/tmp/f; \
                  readlink /dev";
    let out = env
        .rpod([
            "run",
            "--rm",
            "--hostname",
            "fsb",
            "-v",
            "fsvol:/mnt/data",
            "--tmpfs",
            "/mnt/tmp",
            &image,
            "sh",
            "-c",
            script,
        ])
        .run();
    assert_nothing_escaped(&out);
    out.success();
    assert_eq!(
        out.lines(),
        [
            &format!("{s}/w/sub"),
            "devnull",
            "fsb",
            "v",
            "t",
            &format!("{s}/dev")
        ],
        "{out}"
    );
    // -w through the image's symlink, and exec's -w, stay inside too.
    let out = env
        .rpod([
            "run", "--rm", "-w", "/mnt/x/y", &image, "sh", "-c", "pwd -P",
        ])
        .run();
    assert_nothing_escaped(&out);
    assert_eq!(out.success().out(), format!("{s}/mnt/x/y"));
    let out = env
        .rpod(["run", "-d", "--name", "links", &image, "sleep", "60"])
        .run();
    out.success();
    let out = env
        .rpod([
            "exec",
            "-w",
            "/w/sub",
            "links",
            "sh",
            "-c",
            "pwd -P; ls /dev/null",
        ])
        .run();
    assert_nothing_escaped(&out);
    let sub = format!("{s}/w/sub");
    assert_eq!(out.success().lines(), [sub.as_str(), "/dev/null"]);
    env.rpod(["rm", "-f", "-t", "0", "links"]).run().success();
    assert_nothing_escaped(&out);
}

/// A container turns its working directory into a symlink to the host; its
/// next start creates the working directory inside its root, not there.
fn planted_symlink_is_not_followed_on_start(rootful: bool, no_openat2: bool) {
    let shared = require!(registry::plain());
    let env = require!(env(rootful, no_openat2));
    pull(&env, shared, "busybox:latest");
    // A --workdir must exist (podman makes only the image's): an image
    // that has /work/sub.
    let busybox = shared.reference("busybox:latest");
    env.rpod([
        "run",
        "--name",
        "mkwork",
        &busybox,
        "mkdir",
        "-p",
        "/work/sub",
    ])
    .run()
    .success();
    env.rpod(["commit", "-q", "mkwork", "withwork"])
        .run()
        .success();
    env.rpod(["rm", "mkwork"]).run().success();
    let image = "withwork".to_string();
    let target = env.dir.join("planted-target");
    std::fs::create_dir(&target).unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let plant = format!(
        "pwd -P; cd / && rm -rf /work && ln -s {} /work",
        target.display()
    );
    env.rpod([
        "create",
        "--name",
        "plant",
        "-w",
        "/work/sub",
        &image,
        "sh",
        "-c",
        &plant,
    ])
    .run()
    .success();
    // The second start finds /work planted: its working directory is made
    // at the link's target inside the root.
    let inside = format!("{}/sub", target.display());
    for expected in ["/work/sub", inside.as_str()] {
        let out = env.rpod(["start", "-a", "plant"]).run();
        let found = walk(&target);
        assert!(
            found.is_empty(),
            "start followed the container's symlink to the host: {found:?}\n{out}"
        );
        out.success();
        assert_eq!(out.out(), expected, "{out}");
    }
}

/// The copy-up race, driven: container B is held (by the runtime's test
/// hook) after it found the volume empty and before it copies the image's
/// /data into it; container A, sharing the volume, plants
/// `/data/file -> <host secret>` and `/data/symlink -> <host dir>`; then B
/// copies. The host file is neither written nor chmodded, the host
/// directory gets nothing, and the rest of the image's content arrives.
fn copy_up_does_not_follow_planted_symlinks(rootful: bool) {
    let shared = require!(registry::plain());
    let env = require!(env(rootful, false));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let secret = env.write_file(Path::new("secret"), "host secret\n");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let hostdir = env.dir.join("hostdir");
    std::fs::create_dir(&hostdir).unwrap();
    env.chown_to_user(&hostdir);
    let fifo = env.dir.join("hold");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(ok.success());
    env.chown_to_user(&fifo);
    env.rpod(["volume", "create", "cu"]).run().success();

    let mut b = env.rpod([
        "run",
        "--rm",
        "-v",
        "cu:/data",
        &image,
        "sh",
        "-c",
        "cat /data/hardlink; ls -l /data",
    ]);
    b.env("RPOD_TEST_COPY_UP_HOLD", fifo.display().to_string());
    let b = b.spawn();

    // Opening the fifo for writing returns once B's child waits on it.
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::OpenOptions::new().write(true).open(path));
    });
    let holder = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the copy-up never reached its hold point")
        .expect("opening the hold fifo");

    let plant = format!(
        "ln -s {} /data/file && ln -s {} /data/symlink && ls /data",
        secret.display(),
        hostdir.display()
    );
    let a = env
        .rpod([
            "run",
            "--rm",
            "-v",
            "cu:/data:nocopy",
            &image,
            "sh",
            "-c",
            &plant,
        ])
        .run();
    a.success();
    drop(holder);
    let out = b.wait_with_output().expect("waiting for B");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown = format!("B exit {:?}\n{stdout}\n{stderr}\nA: {a}", out.status.code());
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        "host secret\n",
        "the copy-up wrote through a planted symlink\n{shown}"
    );
    assert_eq!(
        host_stat("%a", &secret),
        "600",
        "the copy-up chmodded through a planted symlink\n{shown}"
    );
    assert!(walk(&hostdir).is_empty(), "{shown}");
    assert_eq!(out.status.code(), Some(0), "{shown}");
    // The image's other file arrived; the planted links were left as found.
    assert!(stdout.contains("hardlinked content"), "{shown}");
    assert!(
        stdout.contains(&format!("file -> {}", secret.display())),
        "{shown}"
    );
    // :U on the volume with the planted links chowns the links, not the
    // host file and directory they point at.
    let owners = || (host_stat("%u:%g", &secret), host_stat("%u:%g", &hostdir));
    let before = owners();
    env.rpod([
        "run",
        "--rm",
        "--user",
        "1000",
        "-v",
        "cu:/data:U",
        &image,
        "ls",
        "/data",
    ])
    .run()
    .success();
    assert_eq!(owners(), before, ":U chowned through a planted symlink");
}

/// A tmpfs mounted below a bind source (by root, on the host).
struct Submount(PathBuf);

impl Submount {
    fn new(env: &Env) -> Option<(PathBuf, Submount)> {
        if !is_root() {
            return prerequisite("mounting a tmpfs below a bind source needs root");
        }
        let src = env.dir.join("src");
        let sub = src.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        env.chown_to_user(&src);
        let st = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "mode=0777,size=1m", "tmpfs"])
            .arg(&sub)
            .status()
            .expect("mount");
        assert!(st.success(), "mounting a tmpfs on {}", sub.display());
        Some((src, Submount(sub)))
    }
}

impl Drop for Submount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

/// `-v SRC:DST:ro` (and `--mount ...,ro`) is read-only all the way down:
/// the tmpfs below SRC too. Without `ro` both stay writable. `--read-only`
/// makes rpod's own binds (/etc/hosts, ...) read-only, as podman does.
fn read_only_binds_are_recursive(rootful: bool, no_openat2: bool) {
    let shared = require!(registry::plain());
    let env = require!(env(rootful, no_openat2));
    let (src, _sub) = require!(Submount::new(&env));
    pull(&env, shared, "busybox:latest");
    let image = shared.reference("busybox:latest");
    let try_write = "for f in /r/top /r/sub/below; do touch $f 2>/dev/null && echo wrote $f || echo refused $f; done";
    let ro = format!("{}:/r:ro", src.display());
    let mount_ro = format!("type=bind,src={},dst=/r,ro", src.display());
    for flag in [["-v", ro.as_str()], ["--mount", mount_ro.as_str()]] {
        let out = env
            .rpod([
                "run", "--rm", flag[0], flag[1], &image, "sh", "-c", try_write,
            ])
            .run();
        out.success();
        assert_eq!(
            out.lines(),
            ["refused /r/top", "refused /r/sub/below"],
            "{out}"
        );
    }
    for f in ["top", "sub/below"] {
        assert!(!src.join(f).exists(), "a read-only bind was written: {f}");
    }
    let rw = format!("{}:/r", src.display());
    let out = env
        .rpod(["run", "--rm", "-v", &rw, &image, "sh", "-c", try_write])
        .run();
    out.success();
    assert_eq!(out.lines(), ["wrote /r/top", "wrote /r/sub/below"], "{out}");

    // /sys: a sysfs mount, or (rootless with the host's network) a bind of
    // the host's with its submounts, read-only all the way down.
    let out = env
        .rpod([
            "run",
            "--rm",
            "--network",
            "host",
            &image,
            "sh",
            "-c",
            "grep -c ' /sys' /proc/self/mountinfo; \
             grep -E '^[0-9]+ [0-9]+ [0-9:]+ [^ ]+ /sys[^ ]* rw' /proc/self/mountinfo; true",
        ])
        .run();
    out.success();
    let lines = out.lines();
    assert!(
        lines.len() == 1 && lines[0] != "0",
        "expected /sys mounts, all read-only\n{out}"
    );

    let out = env
        .rpod([
            "run",
            "--rm",
            "--read-only",
            &image,
            "sh",
            "-c",
            "for f in /etc/hosts /etc/hostname /etc/resolv.conf /newfile; do \
             (echo x >> $f) 2>/dev/null && echo wrote $f || echo refused $f; done",
        ])
        .run();
    out.success();
    assert_eq!(
        out.lines(),
        [
            "refused /etc/hosts",
            "refused /etc/hostname",
            "refused /etc/resolv.conf",
            "refused /newfile"
        ],
        "{out}"
    );
}

/// Image files rpod reads on the host (/etc/passwd for `--user`, keep-id
/// and exec) are read inside the image or container: an image whose
/// /etc/passwd is a symlink to a host file does not get that file's users,
/// nor its content copied into the container.
fn passwd_symlinks_are_not_read_on_the_host(rootful: bool) {
    let shared = require!(images());
    let env = require!(env(rootful, false));
    pull(&env, shared, "fs-passwd:latest");
    let image = shared.reference("fs-passwd:latest");
    // podman's exit code: the container cannot be started (126).
    env.rpod(["run", "--rm", "--user", HOST_USER, &image, "id"])
        .run()
        .code(126)
        .stderr_has("unable to find user");
    if !rootful {
        let out = env
            .rpod([
                "run",
                "--rm",
                "--userns=keep-id",
                &image,
                "cat",
                "/etc/passwd",
            ])
            .run();
        out.success();
        assert!(!out.stdout.contains(HOST_USER), "host file leaked: {out}");
        // vfs: the root is a copy of the image, its /etc/passwd still the
        // symlink; the keep-id entry written into that root must not follow
        // it to the host file (made writable here so that it could).
        use std::os::unix::fs::PermissionsExt;
        let host = sentinel_dir().join("secrets/passwd");
        let before = std::fs::read_to_string(&host).unwrap();
        let vfs = require!(self::env(false, false));
        let vfs_args = ["--storage-driver", "vfs"];
        vfs.rpod(vfs_args)
            .args(["pull", "-q", "--tls-verify=false", &image])
            .run()
            .success();
        std::fs::set_permissions(&host, std::fs::Permissions::from_mode(0o666)).unwrap();
        let out = vfs
            .rpod(vfs_args)
            .args([
                "run",
                "--rm",
                "--userns=keep-id",
                &image,
                "cat",
                "/etc/passwd",
            ])
            .run();
        std::fs::set_permissions(&host, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(
            std::fs::read_to_string(&host).unwrap(),
            before,
            "the keep-id entry was written through the image's symlink: {out}"
        );
        out.success();
        assert!(!out.stdout.contains(HOST_USER), "host file leaked: {out}");
    }
    env.rpod(["run", "-d", "--name", "pw", &image, "sleep", "60"])
        .run()
        .success();
    env.rpod(["exec", "--user", HOST_USER, "pw", "id"])
        .run()
        .error125()
        .stderr_has("unable to find user");
    env.rpod(["rm", "-f", "-t", "0", "pw"]).run().success();
}

/// uid or gid -1 (4294967295, which setresuid takes as "unchanged" and so
/// would keep the container root) and ids past 2^31-1 are refused with 125
/// by run, create and exec, given or found in the image.
fn out_of_range_ids_are_refused(rootful: bool) {
    let shared = require!(images());
    let env = require!(env(rootful, false));
    pull(&env, shared, "busybox:latest");
    pull(&env, shared, "fs-user:latest");
    let image = shared.reference("busybox:latest");
    for user in ["4294967295", "-1", "0:4294967295", "0:-1", "2147483648"] {
        let flag = format!("--user={user}");
        for verb in ["run", "create"] {
            env.rpod([verb, "--rm", &flag, &image, "id"])
                .run()
                .error125()
                .stderr_has("must be in range 0-2147483647");
        }
    }
    let evil = shared.reference("fs-user:latest");
    // The image's own User, and a name its passwd maps to -1.
    env.rpod(["run", "--rm", &evil, "id", "-u"])
        .run()
        .error125()
        .stderr_has("must be in range");
    env.rpod(["run", "--rm", "--user", "evil", &evil, "id", "-u"])
        .run()
        .error125()
        .stderr_has("must be in range");
    env.rpod(["run", "-d", "--name", "ids", &image, "sleep", "60"])
        .run()
        .success();
    env.rpod(["exec", "--user=4294967295", "ids", "id", "-u"])
        .run()
        .error125()
        .stderr_has("must be in range");
    env.rpod(["exec", "--user=0:-1", "ids", "id", "-u"])
        .run()
        .error125()
        .stderr_has("must be in range");
    // The largest id that is fine, where it is mapped (rootful: all are).
    if rootful {
        let out = env
            .rpod(["run", "--rm", "--user", "2147483647", &image, "id", "-u"])
            .run();
        assert_eq!(out.success().out(), "2147483647");
    }
    env.rpod(["rm", "-f", "-t", "0", "ids"]).run().success();
}

mod rootless {
    #[test]
    fn image_symlinks_stay_inside() {
        super::image_symlinks_stay_inside(false, false)
    }
    #[test]
    fn image_symlinks_stay_inside_without_openat2() {
        super::image_symlinks_stay_inside(false, true)
    }
    #[test]
    fn planted_symlink_is_not_followed_on_start() {
        super::planted_symlink_is_not_followed_on_start(false, false)
    }
    #[test]
    fn planted_symlink_is_not_followed_on_start_without_openat2() {
        super::planted_symlink_is_not_followed_on_start(false, true)
    }
    #[test]
    fn copy_up_does_not_follow_planted_symlinks() {
        super::copy_up_does_not_follow_planted_symlinks(false)
    }
    #[test]
    fn read_only_binds_are_recursive() {
        super::read_only_binds_are_recursive(false, false)
    }
    #[test]
    fn read_only_binds_are_recursive_without_the_new_mount_api() {
        super::read_only_binds_are_recursive(false, true)
    }
    #[test]
    fn passwd_symlinks_are_not_read_on_the_host() {
        super::passwd_symlinks_are_not_read_on_the_host(false)
    }
    #[test]
    fn out_of_range_ids_are_refused() {
        super::out_of_range_ids_are_refused(false)
    }
}

mod rootful {
    #[test]
    fn image_symlinks_stay_inside() {
        super::image_symlinks_stay_inside(true, false)
    }
    #[test]
    fn image_symlinks_stay_inside_without_openat2() {
        super::image_symlinks_stay_inside(true, true)
    }
    #[test]
    fn planted_symlink_is_not_followed_on_start() {
        super::planted_symlink_is_not_followed_on_start(true, false)
    }
    #[test]
    fn copy_up_does_not_follow_planted_symlinks() {
        super::copy_up_does_not_follow_planted_symlinks(true)
    }
    #[test]
    fn read_only_binds_are_recursive() {
        super::read_only_binds_are_recursive(true, false)
    }
    #[test]
    fn read_only_binds_are_recursive_without_the_new_mount_api() {
        super::read_only_binds_are_recursive(true, true)
    }
    #[test]
    fn passwd_symlinks_are_not_read_on_the_host() {
        super::passwd_symlinks_are_not_read_on_the_host(true)
    }
    #[test]
    fn out_of_range_ids_are_refused() {
        super::out_of_range_ids_are_refused(true)
    }
}
