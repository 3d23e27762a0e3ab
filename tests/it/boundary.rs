//! The container boundary as an attacker inside sees it (issue 21): what a
//! container can reach of rpod's own processes (the runc CVE-2019-5736
//! steps on `--init`'s PID 1 and on `exec`'s helper, and a `#!/proc/self/exe`
//! script), and which syscalls podman's default seccomp profile refuses.
//!
//! A static probe (programs/probe.c, built here with `gcc -static`) runs in
//! the containers and reports one fact per line. The rpod binary the tests
//! run is a copy owned by the test user, as a user-installed rpod would be,
//! so that a container that reached it could really change it.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crate::fixtures::{self, Compression, Fixture, Tar};
use crate::harness::{prerequisite, Cmd, Env, Output};
use crate::pull::pull;
use crate::registry;

const PROBE_SOURCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/programs/probe.c");

/// The probe, built once per test run.
fn probe_binary() -> Option<&'static Path> {
    static BIN: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let r = BIN.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("rpod-it-probe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let out = dir.join("probe");
        let status = std::process::Command::new("gcc")
            .args(["-static", "-O2", "-Wall", "-o"])
            .arg(&out)
            .arg(PROBE_SOURCE)
            .status()
            .map_err(|e| format!("gcc: {e} (install gcc and libc6-dev)"))?;
        if !status.success() {
            return Err(format!("gcc -static {PROBE_SOURCE} failed"));
        }
        Ok(out)
    });
    match r {
        Ok(p) => Some(p.as_path()),
        Err(e) => prerequisite(e),
    }
}

/// `probe:latest` in the shared registry: busybox plus `/probe` and
/// `/evil`, a script whose interpreter is `/proc/self/exe`.
fn probe_image() -> Option<String> {
    static PUSHED: OnceLock<Result<String, String>> = OnceLock::new();
    let shared = registry::plain()?;
    let probe = probe_binary()?;
    let r = PUSHED.get_or_init(|| {
        let bytes = std::fs::read(probe).map_err(|e| e.to_string())?;
        let mut t = Tar::new();
        t.file("probe", &bytes, 0o755)
            .file("evil", b"#!/proc/self/exe\n", 0o755);
        let layers = vec![
            fixtures::layer(&fixtures::base_tar(), Compression::Gzip, false),
            fixtures::layer(&t.finish(), Compression::Gzip, false),
        ];
        let image = fixtures::image(layers, fixtures::host_arch(), false, "probe");
        let fixture = Fixture {
            repo: "probe".into(),
            tag: "latest".into(),
            images: vec![image],
            index: None,
            damage: vec![],
        };
        fixtures::Pusher::new(shared.addr(), None).push(&fixture, None)?;
        Ok(shared.reference("probe:latest"))
    });
    match r {
        Ok(reference) => Some(reference.clone()),
        Err(e) => prerequisite(&format!("pushing the probe image: {e}")),
    }
}

/// A rootless world with the probe image pulled, and an rpod binary owned
/// by the test user (in the test's directory).
struct World {
    env: Env,
    image: String,
    rpod: PathBuf,
    /// A value only rpod's environment holds.
    secret: String,
}

fn world() -> Option<World> {
    let image = probe_image()?;
    let shared = registry::plain()?;
    let env = Env::rootless()?;
    pull(&env, shared, "probe:latest");
    let dir = env.dir.join("bin");
    std::fs::create_dir_all(&dir).expect("creating bin dir");
    let rpod = dir.join("rpod");
    std::fs::copy(crate::harness::rpod_bin(), &rpod).expect("copying rpod");
    std::fs::set_permissions(&rpod, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    env.chown_to_user(&dir);
    env.chown_to_user(&rpod);
    let secret = format!("rpod-host-secret-{}", std::process::id());
    Some(World {
        env,
        image,
        rpod,
        secret,
    })
}

impl World {
    /// The user's rpod on the test's store, with the secret in its environment.
    fn rpod<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<std::ffi::OsString>,
    {
        let mut c = self.env.cmd(&self.rpod);
        c.arg("--root")
            .arg(self.env.root())
            .arg("--runroot")
            .arg(self.env.runroot());
        c.args(args);
        c.env("RPOD_HOST_SECRET", &self.secret);
        c
    }

    /// The probe's marker arguments (reversed, see probe.c): the secret,
    /// the rpod binary's path and the store's path.
    fn markers(&self) -> Vec<String> {
        let rev = |s: &str| s.chars().rev().collect::<String>();
        vec![
            rev(&self.secret),
            rev(&self.rpod.display().to_string()),
            rev(&self.env.root().display().to_string()),
        ]
    }

    fn binary_unchanged(&self, before: &std::fs::Metadata) {
        let after = std::fs::metadata(&self.rpod).expect("stat rpod");
        assert_eq!(after.permissions().mode(), before.permissions().mode());
        assert_eq!(after.len(), before.len());
        assert_eq!(
            std::fs::read(&self.rpod).expect("reading rpod"),
            std::fs::read(crate::harness::rpod_bin()).expect("reading rpod"),
            "the rpod binary changed"
        );
    }
}

fn line<'a>(out: &'a Output, key: &str) -> &'a str {
    out.lines()
        .into_iter()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("no {key} line\n{out}"))
}

#[test]
fn init_pid1_shows_nothing_of_rpod() {
    let w = require!(world());
    let before = std::fs::metadata(&w.rpod).expect("stat rpod");
    let mut args = vec!["run", "--rm", "--init", w.image.as_str(), "/probe", "pid1"];
    let markers = w.markers();
    args.extend(markers.iter().map(String::as_str));
    let out = w.rpod(args).run();
    out.success();
    // The CVE-2019-5736 steps: the executable behind PID 1 cannot be
    // reached, written or chmod-ed; its memory and environment are closed.
    assert_eq!(line(&out, "readlink-exe"), "EACCES", "{out}");
    assert_eq!(line(&out, "chmod-exe"), "EACCES", "{out}");
    assert_eq!(line(&out, "open-exe-write"), "EACCES", "{out}");
    assert_eq!(line(&out, "environ"), "EACCES", "{out}");
    assert_eq!(line(&out, "mem"), "EACCES", "{out}");
    // The command line anyone may read is the container's own.
    assert!(
        line(&out, "cmdline").starts_with("rpod-init -- /probe pid1 "),
        "{out}"
    );
    assert!(!out.stdout.contains("LEAK"), "{out}");
    w.binary_unchanged(&before);
}

#[test]
fn exec_helper_is_closed_while_it_enters() {
    let w = require!(world());
    let before = std::fs::metadata(&w.rpod).expect("stat rpod");
    let mut args = vec!["run", "-d", "--name", "watch", w.image.as_str()];
    let markers = w.markers();
    args.extend(["/probe", "watch", "240"]);
    args.extend(markers.iter().map(String::as_str));
    w.rpod(args).run().success();
    // The probe scans /proc while `exec` runs; each exec's helper is in
    // the container's pid namespace from its fork until it execs. Go on
    // until the probe has caught it a few times (the old helper, an rpod
    // fork, was readable and leaked within the first few).
    let mut seen = 0;
    for _ in 0..500 {
        let out = w.rpod(["exec", "watch", "cat", "/seen"]).run();
        if out.code == 0 {
            seen = out.out().trim().parse().unwrap_or(0);
        }
        if seen >= 5 {
            break;
        }
    }
    w.rpod(["exec", "watch", "touch", "/stop"]).run().success();
    let waited = w
        .rpod(["wait", "watch"])
        .timeout(Duration::from_secs(60))
        .run();
    waited.success();
    let logs = w.rpod(["logs", "watch"]).run();
    logs.success();
    assert!(
        seen >= 5,
        "the probe never saw the exec helper (seen {seen})\n{logs}"
    );
    let leaks: Vec<&str> = logs
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("LEAK"))
        .collect();
    assert!(leaks.is_empty(), "the container reached rpod: {leaks:?}");
    w.rpod(["rm", "watch"]).run().success();
    w.binary_unchanged(&before);
}

#[test]
fn a_self_exe_script_runs_the_sealed_entry_point_not_rpod() {
    let w = require!(world());
    let before = std::fs::metadata(&w.rpod).expect("stat rpod");
    // `#!/proc/self/exe` re-execs whatever execs the script: rpod-init's
    // sealed copy, never the rpod binary.
    let out = w
        .rpod(["run", "--rm", w.image.as_str(), "/evil", "help"])
        .run();
    out.code(125).stderr_has("rpod-init: usage");
    w.rpod(["run", "-d", "--name", "c", w.image.as_str(), "sleep", "100"])
        .run()
        .success();
    let out = w.rpod(["exec", "c", "/evil", "help"]).run();
    out.code(125).stderr_has("rpod-init: usage");
    w.rpod(["rm", "-f", "-t", "0", "c"]).run().success();
    w.binary_unchanged(&before);
}

/// `probe syscalls` output: name -> (return value, errno).
fn syscalls(out: &Output) -> std::collections::BTreeMap<String, (i64, i32)> {
    out.lines()
        .into_iter()
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            match f[..] {
                [name, ret, errno] => {
                    Some((name.to_string(), (ret.parse().ok()?, errno.parse().ok()?)))
                }
                _ => None,
            }
        })
        .collect()
}

const ENOSYS: i32 = 38;
const EPERM: i32 = 1;

/// Not in the default profile's allow-list: ENOSYS.
const REFUSED_ENOSYS: &[&str] = &[
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "listmount",
    "statmount",
    "mseal",
    "add_key",
    "request_key",
    "personality_bad",
];
/// Named by the profile with EPERM (or allowed only with a capability the
/// default set lacks).
const REFUSED_EPERM: &[&str] = &["kexec_load", "bpf", "userfaultfd", "perf_event_open"];

fn check_default_profile(out: &Output) {
    out.success();
    let r = syscalls(out);
    for name in REFUSED_ENOSYS {
        assert_eq!(r.get(*name).map(|v| v.1), Some(ENOSYS), "{name}\n{out}");
    }
    for name in REFUSED_EPERM {
        assert_eq!(r.get(*name).map(|v| v.1), Some(EPERM), "{name}\n{out}");
    }
    // Allowed, and working.
    for name in ["getpid", "uname", "personality_query"] {
        let (ret, errno) = r[name];
        assert!(ret >= 0 && errno == 0, "{name}\n{out}");
    }
    // Allowed by the profile: whatever the kernel says, not the filter's answer.
    for name in ["keyctl", "unshare_user"] {
        let (_, errno) = r[name];
        assert!(errno != ENOSYS && errno != EPERM, "{name}\n{out}");
    }
}

#[test]
fn default_seccomp_refuses_what_podmans_profile_refuses() {
    let w = require!(world());
    let image = w.image.as_str();
    let out = w.rpod(["run", "--rm", image, "/probe", "syscalls"]).run();
    check_default_profile(&out);

    // exec'd processes get the container's filter.
    w.rpod(["run", "-d", "--name", "s", image, "sleep", "100"])
        .run()
        .success();
    let out = w.rpod(["exec", "s", "/probe", "syscalls"]).run();
    check_default_profile(&out);
    w.rpod(["rm", "-f", "-t", "0", "s"]).run().success();

    // Without the filter the same calls reach the kernel, which does not
    // answer ENOSYS: the answers above are the profile's.
    let out = w
        .rpod([
            "run",
            "--rm",
            "--security-opt",
            "seccomp=unconfined",
            image,
            "/probe",
            "syscalls",
        ])
        .run();
    out.success();
    let r = syscalls(&out);
    for name in REFUSED_ENOSYS {
        assert_ne!(r.get(*name).map(|v| v.1), Some(ENOSYS), "{name}\n{out}");
    }
}
