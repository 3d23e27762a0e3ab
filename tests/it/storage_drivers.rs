//! Storage drivers for the container's root file system, as the
//! unprivileged user: `--storage-driver vfs` (a copy of the layers),
//! fuse-overlayfs as overlay's mount program (forced with `--storage-opt`,
//! or chosen when the store's probe says native overlay is refused), the
//! probe's kept result, storage.conf, and `info`. Each driver must show the
//! image's files, apply its whiteouts, keep writes per container and leave
//! nothing behind: no copy, no fuse-overlayfs process.

use crate::fixtures::{paths, whiteout};
use crate::harness::{alive, eventually, have, host_stat, prerequisite, Env};
use crate::pull::pull;
use crate::registry;

/// The flags that force fuse-overlayfs.
const FUSE: [&str; 2] = [
    "--storage-opt",
    "overlay.mount_program=/usr/bin/fuse-overlayfs",
];
/// The flags that choose vfs.
const VFS: [&str; 2] = ["--storage-driver", "vfs"];

fn setup() -> Option<(Env, String)> {
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "whiteout:latest");
    Some((env, shared.reference("whiteout:latest")))
}

fn have_fuse_overlayfs() -> Option<()> {
    if !have("/usr/bin/fuse-overlayfs") {
        return prerequisite("fuse-overlayfs missing (apt-get install fuse-overlayfs)");
    }
    if !std::path::Path::new("/dev/fuse").exists() {
        return prerequisite("/dev/fuse missing");
    }
    Some(())
}

fn container_dirs(env: &Env) -> Vec<String> {
    std::fs::read_dir(env.root().join("containers"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Live fuse-overlayfs processes serving this test's store.
fn daemons(env: &Env) -> Vec<String> {
    let store = env.root().display().to_string();
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(pid) = name.parse::<i64>() else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(e.path().join("cmdline")) else {
            continue;
        };
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        if cmdline.contains("fuse-overlayfs") && cmdline.contains(&store) && alive(pid) {
            out.push(format!("{pid}: {cmdline}"));
        }
    }
    out
}

fn no_daemon_left(env: &Env, after: &str) {
    eventually(&format!("no fuse-overlayfs left after {after}"), || {
        daemons(env).is_empty()
    });
}

/// What the container shows of the whiteout fixture and of its own root mount.
const LOOK: &str = "cat /wh/kept; echo wh: $(ls /wh); echo opaque: $(ls /wh/opaque); \
     stat -c owned=%u:%g /home/user/owned; stat -c suid=%a /usr/bin/suidfile; \
     echo links: $(stat -c %i /data/file /data/hardlink); \
     echo root: $(grep ' / / ' /proc/self/mountinfo | sed 's/.* - //' | cut -d' ' -f1); \
     echo scratch > /new && cat /new";

/// Runs LOOK with `flags` and checks what any driver must show; returns
/// the root's file system type.
fn look(env: &Env, flags: &[&str], image: &str) -> String {
    let out = env
        .rpod(flags)
        .args(["run", "--rm", image, "sh", "-c", LOOK])
        .run();
    out.success();
    let text = out.out();
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k))
            .unwrap_or_else(|| panic!("no {k} line\n{out}"))
            .trim()
            .to_string()
    };
    assert!(
        text.starts_with("kept"),
        "a file of the image is read\n{out}"
    );
    assert_eq!(
        field("wh:"),
        "kept opaque",
        "{} is whited out\n{out}",
        whiteout::GONE
    );
    assert_eq!(
        field("opaque:"),
        "new",
        "{} is hidden\n{out}",
        whiteout::OPAQUE_OLD
    );
    assert_eq!(
        field("owned="),
        "1000:1000",
        "{} keeps its owner\n{out}",
        paths::OWNED
    );
    assert_eq!(field("suid="), "4755", "{out}");
    let links: Vec<String> = field("links:").split(' ').map(str::to_string).collect();
    assert!(
        links.len() == 2 && links[0] == links[1],
        "hardlinks share an inode\n{out}"
    );
    assert!(text.ends_with("scratch"), "writes land\n{out}");
    // --rm took the container, writes and all.
    let again = env
        .rpod(flags)
        .args([
            "run",
            "--rm",
            image,
            "sh",
            "-c",
            "test ! -e /new && echo clean",
        ])
        .run();
    again.success();
    assert_eq!(again.out(), "clean", "{again}");
    assert!(container_dirs(env).is_empty(), "{:?}", container_dirs(env));
    field("root:")
}

/// `run -d`, `exec`, `stop`, `start`, `rm` with `flags`; writes survive a
/// restart; returns the container's ID (gone by then).
fn lifecycle(env: &Env, flags: &[&str], image: &str, driver: &str) -> String {
    let out = env
        .rpod(flags)
        .args(["run", "-d", "--name", "c", image, "sleep", "1000"])
        .run();
    out.success();
    let id = out.out().to_string();
    let inspect = env.rpod(["inspect", "--format", "{{.Driver}}", "c"]).run();
    inspect.success();
    assert_eq!(inspect.out(), driver, "{inspect}");
    // Commands other than create need no storage flags: the record says.
    let out = env
        .rpod([
            "exec",
            "c",
            "sh",
            "-c",
            "echo kept-across-restart > /persist; cat /wh/kept",
        ])
        .run();
    out.success();
    assert_eq!(out.out(), "kept", "{out}");
    env.rpod(["stop", "-t", "1", "c"]).run().success();
    env.rpod(["start", "c"]).run().success();
    let out = env.rpod(["exec", "c", "cat", "/persist"]).run();
    out.success();
    assert_eq!(out.out(), "kept-across-restart", "{out}");
    env.rpod(["stop", "-t", "1", "c"]).run().success();
    env.rpod(["rm", "c"]).run().success();
    assert!(container_dirs(env).is_empty(), "{:?}", container_dirs(env));
    id
}

#[test]
fn vfs_copies_the_layers() {
    let (env, image) = require!(setup());
    let fstype = look(&env, &VFS, &image);
    assert!(
        fstype != "overlay" && !fstype.starts_with("fuse"),
        "the root is a bind mount of the copy, not {fstype}"
    );

    // The copy is in the container's directory, owners as in the layers.
    let out = env
        .rpod(VFS)
        .args(["create", "--name", "v", &image, "true"])
        .run();
    out.success();
    let rootfs = env.root().join("containers").join(out.out()).join("rootfs");
    let user = env.user.clone().unwrap();
    assert_eq!(
        host_stat("%u:%g", &rootfs.join(paths::OWNED)),
        format!("{}:{}", user.host_uid(1000), user.host_gid(1000))
    );
    assert!(!rootfs.join(whiteout::GONE).exists());
    assert!(!rootfs.join(whiteout::OPAQUE_OLD).exists());
    env.rpod(["rm", "v"]).run().success();
    assert!(!rootfs.exists());

    lifecycle(&env, &VFS, &image, "vfs");
}

#[test]
fn fuse_overlayfs_as_the_mount_program() {
    require!(have_fuse_overlayfs());
    let (env, image) = require!(setup());
    assert_eq!(look(&env, &FUSE, &image), "fuse.fuse-overlayfs");
    no_daemon_left(&env, "run --rm");

    lifecycle(&env, &FUSE, &image, "overlay");
    no_daemon_left(&env, "run -d, stop, rm");

    env.rpod(FUSE)
        .args(["run", "-d", "--name", "f", &image, "sleep", "1000"])
        .run()
        .success();
    assert_eq!(
        daemons(&env).len(),
        1,
        "one daemon serves the running container"
    );
    // The container cannot see its daemon.
    let out = env.rpod(["exec", "f", "busybox", "ps", "-o", "args"]).run();
    out.success();
    assert!(!out.out().contains("fuse-overlayfs"), "{out}");
    // Names are looked up in the container's /etc/passwd, although its
    // root refuses processes outside the container's user namespace.
    let out = env.rpod(["exec", "-u", "user", "f", "id", "-u"]).run();
    out.success();
    assert_eq!(out.out(), "1000", "{out}");
    let out = env.rpod(["top", "f"]).run();
    out.success().stdout_has("root");
    env.rpod(["rm", "-f", "f"]).run().success();
    no_daemon_left(&env, "rm -f");
}

#[test]
fn fuse_overlayfs_when_native_overlay_is_refused() {
    require!(have_fuse_overlayfs());
    let (env, image) = require!(setup());
    // What the probe keeps on a kernel that refuses overlay in a user namespace.
    let probe = env.root().join("overlay-probe.json");
    env.write_file(
        &probe,
        r#"{"native":false,"native_error":"mounting overlay: Operation not permitted","fuse":true,"fuse_error":""}"#,
    );
    let out = env
        .rpod([
            "run",
            "--rm",
            &image,
            "sh",
            "-c",
            "grep ' / / ' /proc/self/mountinfo; cat /wh/kept",
        ])
        .run();
    out.success()
        .stdout_has(" - fuse.fuse-overlayfs ")
        .stdout_has("kept");
    no_daemon_left(&env, "run --rm");
    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(v["store"]["graphDriverName"], "overlay", "{out}");
    assert_eq!(
        v["store"]["graphOptions"]["overlay.mount_program"]["Executable"],
        "/usr/bin/fuse-overlayfs",
        "{out}"
    );

    // Neither works: say what to do.
    env.write_file(
        &probe,
        r#"{"native":false,"native_error":"mounting overlay: Operation not permitted","fuse":false,"fuse_error":"opening /dev/fuse: No such file or directory"}"#,
    );
    env.rpod(["run", "--rm", &image, "true"])
        .run()
        .error125()
        .stderr_has("--storage-driver vfs");
    assert!(
        container_dirs(&env).is_empty(),
        "{:?}",
        container_dirs(&env)
    );
    env.rpod(VFS)
        .args(["run", "--rm", &image, "true"])
        .run()
        .success();
}

#[test]
fn native_overlay_is_probed_once_and_config_chooses_the_driver() {
    let (mut env, image) = require!(setup());
    let probe = env.root().join("overlay-probe.json");
    assert!(!probe.exists(), "pull does not probe");
    let out = env
        .rpod([
            "run",
            "--rm",
            &image,
            "sh",
            "-c",
            "grep ' / / ' /proc/self/mountinfo",
        ])
        .run();
    out.success().stdout_has(" - overlay ");
    let kept: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&probe).expect("the probe's result is kept"))
            .unwrap();
    assert_eq!(kept["native"], true, "{kept}");
    let left: Vec<_> = std::fs::read_dir(env.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("overlay-probe.") && n != "overlay-probe.json")
        .collect();
    assert!(left.is_empty(), "probe scratch left: {left:?}");

    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(v["store"]["graphDriverName"], "overlay", "{out}");
    assert!(
        v["store"]["graphOptions"]["overlay.mount_program"].is_null(),
        "{out}"
    );
    let out = env.rpod(VFS).args(["info", "--format", "json"]).run();
    out.success();
    assert_eq!(out.json()["store"]["graphDriverName"], "vfs", "{out}");

    // The user's storage.conf, as podman reads it without CONTAINERS_STORAGE_CONF.
    env.unset_env("CONTAINERS_STORAGE_CONF");
    let conf = env.write_file(
        &env.config.join("containers/storage.conf"),
        "[storage]\ndriver = \"vfs\"\n",
    );
    let out = env.rpod(["create", &image, "true"]).run();
    out.success();
    let id = out.out().to_string();
    let out = env.rpod(["inspect", "--format", "{{.Driver}}", &id]).run();
    assert_eq!(out.out(), "vfs", "{out}");
    env.rpod(["rm", &id]).run().success();
    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    let v = out.json();
    assert_eq!(v["store"]["graphDriverName"], "vfs", "{out}");
    assert_eq!(
        v["store"]["configFile"],
        conf.display().to_string().as_str(),
        "{out}"
    );
    env.write_file(&conf, "[storage]\ndriver = \"btrfs\"\n");
    env.rpod(["create", &image, "true"])
        .run()
        .error125()
        .stderr_has("use overlay or vfs");
    env.rpod(["ps", "-a"]).run().success();

    env.rpod([
        "--storage-opt",
        "overlay.mount_program=/no/such/program",
        "--storage-driver",
        "overlay",
        "create",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("/no/such/program");
    env.rpod([
        "--storage-opt",
        "overlay.size=1G",
        "--storage-driver",
        "overlay",
        "create",
        &image,
        "true",
    ])
    .run()
    .error125()
    .stderr_has("overlay.mount_program");
    assert!(
        container_dirs(&env).is_empty(),
        "{:?}",
        container_dirs(&env)
    );
}

#[test]
fn rootful_vfs_and_fuse_overlayfs() {
    let shared = require!(registry::plain());
    let env = require!(Env::rootful());
    pull(&env, shared, "whiteout:latest");
    let image = shared.reference("whiteout:latest");
    // Rootful layers mark opaque directories with trusted.overlay.opaque.
    let fstype = look(&env, &VFS, &image);
    assert!(
        fstype != "overlay" && !fstype.starts_with("fuse"),
        "{fstype}"
    );
    if have_fuse_overlayfs().is_some() {
        assert_eq!(look(&env, &FUSE, &image), "fuse.fuse-overlayfs");
        no_daemon_left(&env, "run --rm");
    }
}

#[test]
fn cp_and_export_of_a_stopped_fuse_overlayfs_container() {
    require!(have_fuse_overlayfs());
    let (env, image) = require!(setup());
    // Its command shows what was copied in (nothing the first time) and
    // writes a file of its own.
    let run = env
        .rpod(FUSE)
        .args(["run", "--name", "s", &image, "sh", "-c"])
        .arg("cat /copied 2>/dev/null; echo mine > /made")
        .run();
    run.success();
    no_daemon_left(&env, "run");

    // Out of the stopped container: its own file, and the image's files
    // with the whiteouts applied (the layers seen through fuse-overlayfs).
    let made = env.dir.join("made-copy");
    env.rpod(FUSE)
        .args(["cp", "s:/made"])
        .arg(&made)
        .run()
        .success();
    assert_eq!(std::fs::read_to_string(&made).unwrap(), "mine\n");
    let names = tar_names(&env, "cp s:/wh -");
    assert!(names.iter().any(|n| n == "wh/kept"), "{names:?}");
    assert!(!names.iter().any(|n| n == "wh/gone"), "{names:?}");
    assert!(!names.iter().any(|n| n == "wh/opaque/old"), "{names:?}");
    no_daemon_left(&env, "cp out of a stopped container");

    // Into it: the container sees the file when it runs again.
    let src = env.dir.join("copied");
    env.write_file(&src, "from the host\n");
    env.rpod(FUSE)
        .args(["cp"])
        .arg(&src)
        .arg("s:/copied")
        .run()
        .success();
    no_daemon_left(&env, "cp into a stopped container");
    let again = env.rpod(FUSE).args(["start", "-a", "s"]).run();
    again.success();
    assert_eq!(again.out(), "from the host", "{again}");

    // export goes through the same view.
    let names = tar_names(&env, "export s");
    assert!(names.iter().any(|n| n == "copied"), "{names:?}");
    assert!(names.iter().any(|n| n == "made"), "{names:?}");
    no_daemon_left(&env, "export");
    env.rpod(FUSE).args(["rm", "s"]).run().success();
}

/// The entry names (without `./` or a trailing `/`) of the tar stream
/// `rpod ARGS` (with fuse-overlayfs forced) writes on its stdout.
fn tar_names(env: &Env, args: &str) -> Vec<String> {
    let line = env.rpod_line(&format!("{} {args} | tar -tf -", FUSE.join(" ")));
    let out = env.cmd("sh").args(["-c", &line]).run();
    out.success();
    out.stdout
        .lines()
        .map(|p| p.trim_start_matches("./").trim_end_matches('/').to_string())
        .collect()
}

/// Additional image stores (`--storage-opt overlay.imagestore=PATH`, and
/// storage.conf's `additionalimagestores`) are checked as containers-storage
/// checks them and reported in `info` as podman reports them: each under
/// `overlay.additionalImageStores`, the last also as `overlay.imagestore`.
#[test]
fn additional_image_stores_in_info() {
    let env = require!(Env::rootless());
    let (s1, s2) = (env.dir.join("store1"), env.dir.join("store2"));
    env.write_file(&s1.join(".keep"), "");
    env.write_file(&s2.join(".keep"), "");
    let format = "{{index .Store.GraphOptions \"overlay.additionalImageStores\"}}\n{{index .Store.GraphOptions \"overlay.imagestore\"}}";
    env.rpod(["info", "--format", format])
        .arg(format!("--storage-opt=overlay.imagestore={}", s1.display()))
        .arg(format!("--storage-opt=overlay.imagestore={}", s2.display()))
        .run()
        .success()
        .stdout_is(&format!(
            "[{} {}]\n{}",
            s1.display(),
            s2.display(),
            s2.display()
        ));
    env.rpod(["info", "--storage-opt", "overlay.imagestore=relative"])
        .run()
        .error125()
        .stderr_has("image path \"relative\" is not absolute");
    let missing = env.dir.join("missing");
    env.rpod(["info", "--storage-opt"])
        .arg(format!("overlay.imagestore={}", missing.display()))
        .run()
        .error125()
        .stderr_has("no such file or directory");
    env.write_file(
        &env.etc.join("storage.conf"),
        &format!(
            "[storage]\ndriver = \"overlay\"\n[storage.options]\nadditionalimagestores = [\"{}\"]\n",
            s1.display()
        ),
    );
    let out = env.rpod(["info", "--format", "json"]).run();
    out.success();
    assert_eq!(
        out.json()["store"]["graphOptions"]["overlay.additionalImageStores"],
        serde_json::json!([s1.display().to_string()]),
        "{out}"
    );
}

/// An additional image store in rpod's layout (another rpod graph root):
/// its images are listed (`ReadOnly`), inspected and run from, never
/// changed: `rmi` refuses them, `rmi -a` leaves them, and the store's own
/// `images.json` is not written.
#[test]
fn images_of_an_additional_store_are_listed_used_and_left_alone() {
    let shared = require!(crate::registry::plain());
    let first = require!(Env::rootless());
    let id = crate::pull::pull(&first, shared, "busybox:latest");
    let name = shared.reference("busybox:latest");
    let other = require!(Env::rootless());
    let store = first.root();
    let before = std::fs::read(store.join("images.json")).unwrap();
    let opt = format!("--storage-opt=overlay.imagestore={}", store.display());
    let rpod = |args: &[&str]| {
        let mut c = other.rpod([opt.as_str()]);
        c.args(args);
        c.run()
    };
    rpod(&["images", "--format", "{{.ID}} {{.ReadOnly}}", "--no-trunc"])
        .success()
        .stdout_is(&format!("sha256:{id} true"));
    rpod(&["images", "-q", "--filter", "readonly=false"])
        .success()
        .stdout_is("");
    let json = rpod(&["images", "--format", "json"]);
    assert_eq!(json.success().json()[0]["ReadOnly"], true, "{json}");
    rpod(&["image", "inspect", "--format", "{{.Id}}", &name])
        .success()
        .stdout_is(&id);
    rpod(&["run", "--rm", &name, "echo", "from the store"])
        .success()
        .stdout_is("from the store");
    rpod(&["rmi", &name])
        .error125()
        .stderr_has(&format!("cannot remove read-only image \"{id}\""));
    rpod(&["tag", &name, "mine:1"])
        .error125()
        .stderr_has("read-only image");
    rpod(&["rmi", "-a", "-f"]).success();
    rpod(&["images", "-q"]).success().stdout_has(&id[..12]);
    assert_eq!(std::fs::read(store.join("images.json")).unwrap(), before);
    // Without the option the other store has no image.
    other.rpod(["images", "-q"]).run().success().stdout_is("");
    // storage.conf's additionalimagestores says the same.
    other.write_file(
        &other.etc.join("storage.conf"),
        &format!(
            "[storage]\ndriver = \"overlay\"\n[storage.options]\nadditionalimagestores = [\"{}\"]\n",
            store.display()
        ),
    );
    other
        .rpod(["images", "--format", "{{.ReadOnly}}"])
        .run()
        .success()
        .stdout_is("true");
}
