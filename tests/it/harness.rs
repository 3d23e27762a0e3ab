//! The test harness: a fresh store and home per test, commands run as the
//! unprivileged test user (or root for the rootful variant), and outputs with
//! assertions that print the command, stdout, stderr and exit code on failure.
//!
//! A missing prerequisite (registry, runuser, newuidmap, the user, ...) fails
//! the test. `RPOD_TEST_ALLOW_SKIP=1` (never under `CI`) turns it into a
//! skip instead, which the run's closing line counts (see report.rs).

use std::ffi::OsString;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// The default unprivileged user; `RPOD_TEST_USER` overrides.
pub const DEFAULT_USER: &str = "rpodtest";
/// PATH given to every command.
pub const PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Whether a missing prerequisite may skip a test: only when
/// `RPOD_TEST_ALLOW_SKIP=1` is set and `CI` is not.
pub fn skips_allowed() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    std::env::var("RPOD_TEST_ALLOW_SKIP").is_ok_and(|v| v == "1") && !ci
}

/// A missing prerequisite: fails the test (panics), or, where skips are
/// allowed ([`skips_allowed`]), records the skip and returns None.
#[track_caller]
pub fn prerequisite<T>(reason: &str) -> Option<T> {
    crate::report::install();
    if !skips_allowed() {
        panic!(
            "missing prerequisite: {reason}\n(this fails the test; RPOD_TEST_ALLOW_SKIP=1 skips it instead, except under CI)"
        );
    }
    crate::report::record_skip(reason);
    eprintln!("SKIP {}: {reason}", crate::report::current_test());
    None
}

/// Unwraps a prerequisite or returns from the test, which counts as
/// skipped (only where [`skips_allowed`]; otherwise [`prerequisite`] has
/// already failed the test).
#[macro_export]
macro_rules! require {
    ($e:expr) => {
        match $e {
            Some(v) => v,
            None => return,
        }
    };
}

/// Effective and real uid of this process (from /proc/self/status).
pub fn euid() -> u32 {
    let s = std::fs::read_to_string("/proc/self/status").expect("reading /proc/self/status");
    s.lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .expect("Uid: line")
}

/// Whether the test process runs as root.
pub fn is_root() -> bool {
    euid() == 0
}

/// Whether a program is on PATH (or an absolute path that exists).
pub fn have(program: &str) -> bool {
    if program.starts_with('/') {
        return Path::new(program).exists();
    }
    std::env::var("PATH")
        .unwrap_or_else(|_| PATH.to_string())
        .split(':')
        .chain(PATH.split(':'))
        .any(|d| Path::new(d).join(program).exists())
}

/// A user the commands run as.
#[derive(Clone, Debug)]
pub struct User {
    /// Login name.
    pub name: String,
    /// uid.
    pub uid: u32,
    /// gid.
    pub gid: u32,
    /// First host uid of the subordinate range, if any.
    pub subuid: Option<(u32, u32)>,
    /// First host gid of the subordinate range, if any.
    pub subgid: Option<(u32, u32)>,
}

fn id_of(flag: &str, name: &str) -> Option<u32> {
    let out = Command::new("id").args([flag, name]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn subid(file: &str, name: &str, uid: u32) -> Option<(u32, u32)> {
    let s = std::fs::read_to_string(file).ok()?;
    s.lines().find_map(|l| {
        let mut f = l.split(':');
        let who = f.next()?;
        if who != name && who != uid.to_string() {
            return None;
        }
        Some((
            f.next()?.trim().parse().ok()?,
            f.next()?.trim().parse().ok()?,
        ))
    })
}

impl User {
    /// Looks a user up by name.
    pub fn lookup(name: &str) -> Option<User> {
        let uid = id_of("-u", name)?;
        let gid = id_of("-g", name)?;
        Some(User {
            name: name.to_string(),
            uid,
            gid,
            subuid: subid("/etc/subuid", name, uid),
            subgid: subid("/etc/subgid", name, uid),
        })
    }

    /// The host uid that container uid `c` (>0) maps to.
    pub fn host_uid(&self, c: u32) -> u32 {
        let (start, _) = self.subuid.expect("user has a subuid range");
        start + c - 1
    }

    /// The host gid that container gid `c` (>0) maps to.
    pub fn host_gid(&self, c: u32) -> u32 {
        let (start, _) = self.subgid.expect("user has a subgid range");
        start + c - 1
    }
}

/// The user rootless tests run as: `RPOD_TEST_USER` (default rpodtest) when we
/// are root, else the current user. Checks the tools rootless rpod needs.
pub fn rootless_user() -> Option<User> {
    static USER: OnceLock<Result<User, String>> = OnceLock::new();
    let r = USER.get_or_init(|| {
        let name = if is_root() {
            std::env::var("RPOD_TEST_USER").unwrap_or_else(|_| DEFAULT_USER.to_string())
        } else {
            let out = Command::new("id").arg("-un").output().map_err(|e| format!("id -un: {e}"))?;
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        };
        if is_root() && !have("runuser") {
            return Err("runuser missing (util-linux)".into());
        }
        for p in ["newuidmap", "newgidmap"] {
            if !have(p) {
                return Err(format!("{p} missing (apt-get install uidmap)"));
            }
        }
        let u = User::lookup(&name).ok_or_else(|| format!("test user {name} missing (useradd -m {name})"))?;
        if u.uid == 0 {
            return Err("RPOD_TEST_USER is root; rootless tests need an unprivileged user".into());
        }
        if u.subuid.is_none() || u.subgid.is_none() {
            return Err(format!("user {name} has no /etc/subuid or /etc/subgid range (usermod --add-subuids 100000-165535 --add-subgids 100000-165535 {name})"));
        }
        Ok(u)
    });
    match r {
        Ok(u) => Some(u.clone()),
        Err(e) => prerequisite(e),
    }
}

/// The rpod binary, copied once into a world-readable directory so the test user
/// can run it even when the checkout is not reachable for that user.
pub fn rpod_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    crate::report::install();
    BIN.get_or_init(|| {
        // RPOD_TEST_BIN runs the suite against another binary (for instance a
        // wrapper around podman, to check the tests' expectations themselves).
        let over = std::env::var_os("RPOD_TEST_BIN").map(PathBuf::from);
        let src = over
            .as_deref()
            .unwrap_or(Path::new(env!("CARGO_BIN_EXE_rpod")));
        let dir = PathBuf::from(format!("/tmp/rpod-it-bin-{}", std::process::id()));
        remove_stale_bin_dirs();
        std::fs::create_dir_all(&dir).expect("creating binary dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
            .expect("chmod binary dir");
        let dst = dir.join("rpod");
        std::fs::copy(src, &dst)
            .unwrap_or_else(|e| panic!("copying {} to {}: {e}", src.display(), dst.display()));
        std::fs::set_permissions(&dst, std::fs::Permissions::from_mode(0o755)).expect("chmod rpod");
        dst
    })
}

/// The repository's man pages (`man/`), copied beside the test binary:
/// readable by the test user even when the checkout is not (CI's clone
/// may sit under /root).
pub fn man_dir() -> &'static Path {
    static MAN: OnceLock<PathBuf> = OnceLock::new();
    MAN.get_or_init(|| {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
        let dst = rpod_bin().parent().expect("binary dir").join("man");
        let out = Command::new("cp")
            .args(["-R", "--no-preserve=mode,ownership"])
            .arg(&src)
            .arg(&dst)
            .output()
            .expect("running cp");
        assert!(
            out.status.success(),
            "copying {} to {}: {}",
            src.display(),
            dst.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let out = Command::new("chmod")
            .args(["-R", "a+rX"])
            .arg(&dst)
            .output()
            .expect("running chmod");
        assert!(out.status.success(), "chmod {}", dst.display());
        dst
    })
}

fn remove_stale_bin_dirs() {
    let Ok(rd) = std::fs::read_dir("/tmp") else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if let Some(pid) = name.strip_prefix("rpod-it-bin-") {
            if !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// One test's world: a temp dir with home, XDG dirs and a store, and who runs
/// the commands.
pub struct Env {
    /// The temp dir (world-traversable, owned by the user).
    pub dir: PathBuf,
    /// The user commands run as; None = run as this process's user (rootful).
    pub user: Option<User>,
    /// HOME.
    pub home: PathBuf,
    /// XDG_CONFIG_HOME (HOME/.config).
    pub config: PathBuf,
    /// XDG_DATA_HOME.
    pub data: PathBuf,
    /// XDG_RUNTIME_DIR (mode 0700).
    pub runtime: PathBuf,
    /// The test's stand-in for /etc/containers: CONTAINERS_CONF,
    /// CONTAINERS_REGISTRIES_CONF and CONTAINERS_STORAGE_CONF name its
    /// files, so the host's configuration never applies.
    pub etc: PathBuf,
    extra_env: Vec<(String, String)>,
    unset_env: Vec<String>,
}

impl Env {
    /// A rootless environment for the test user (skips when impossible).
    pub fn rootless() -> Option<Env> {
        let user = rootless_user()?;
        Some(Env::create(Some(user)))
    }

    /// A rootful environment: commands run as root with their own --root.
    pub fn rootful() -> Option<Env> {
        if !is_root() {
            return prerequisite("rootful tests need the harness to run as root");
        }
        Some(Env::create(None))
    }

    fn create(user: Option<User>) -> Env {
        crate::report::install();
        let dir = tempfile::Builder::new()
            .prefix("rpod-it-")
            .tempdir_in("/tmp")
            .expect("creating test dir")
            .keep();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
            .expect("chmod test dir");
        let env = Env {
            home: dir.join("home"),
            // podman 4 reads registries.conf from ~/.config whatever
            // XDG_CONFIG_HOME says: keep both the same so either rule finds it.
            config: dir.join("home/.config"),
            data: dir.join("data"),
            runtime: dir.join("run"),
            etc: dir.join("etc/containers"),
            dir,
            user,
            extra_env: Vec::new(),
            unset_env: Vec::new(),
        };
        for d in [&env.home, &env.config, &env.data, &env.runtime] {
            std::fs::create_dir_all(d).expect("creating test subdir");
        }
        // Empty configuration files of the test's own (podman needs
        // CONTAINERS_CONF to exist), and an empty user drop-in directory
        // for registries.conf, which replaces the host's.
        for f in ["containers.conf", "registries.conf"] {
            env.write_file(&env.etc.join(f), "");
        }
        // podman (RPOD_TEST_BIN) wants the driver named, and as root the
        // paths too (rpod reads only the driver; --root/--runroot win).
        let mut storage = String::from("[storage]\ndriver = \"overlay\"\n");
        if env.user.is_none() {
            storage.push_str(&format!(
                "graphroot = \"{}\"\nrunroot = \"{}\"\n",
                env.root().display(),
                env.runroot().display()
            ));
        }
        env.write_file(&env.etc.join("storage.conf"), &storage);
        std::fs::create_dir_all(env.config.join("containers/registries.conf.d"))
            .expect("creating registries.conf.d");
        std::fs::set_permissions(&env.runtime, std::fs::Permissions::from_mode(0o700))
            .expect("chmod runtime dir");
        env.chown_to_user(&env.dir);
        for d in [
            &env.home,
            &env.config,
            &env.data,
            &env.runtime,
            &env.config.join("containers"),
            &env.config.join("containers/registries.conf.d"),
        ] {
            env.chown_to_user(d);
        }
        env
    }

    /// Gives a path to the test user (no-op when running as that user already).
    pub fn chown_to_user(&self, p: &Path) {
        if let (Some(u), true) = (&self.user, is_root()) {
            std::os::unix::fs::chown(p, Some(u.uid), Some(u.gid))
                .unwrap_or_else(|e| panic!("chown {}: {e}", p.display()));
        }
    }

    /// A shell command line that runs rpod on this test's store with
    /// `args` (for `script -c` and `sh -c`, which run as the test user).
    pub fn rpod_line(&self, args: &str) -> String {
        format!(
            "{} --root {} --runroot {} {args}",
            rpod_bin().display(),
            self.root().display(),
            self.runroot().display()
        )
    }

    /// The store (--root).
    pub fn root(&self) -> PathBuf {
        self.dir.join("root")
    }

    /// The run root (--runroot).
    pub fn runroot(&self) -> PathBuf {
        self.dir.join("runroot")
    }

    /// Whether commands run rootless.
    pub fn rootless_mode(&self) -> bool {
        self.user.is_some()
    }

    /// Adds an environment variable to every later command.
    pub fn set_env(&mut self, k: &str, v: &str) {
        self.extra_env.push((k.to_string(), v.to_string()));
    }

    /// Writes a file as the test user (creating parents), returning its path.
    pub fn write_file(&self, rel_or_abs: &Path, content: &str) -> PathBuf {
        let p = if rel_or_abs.is_absolute() {
            rel_or_abs.to_path_buf()
        } else {
            self.dir.join(rel_or_abs)
        };
        let parent = p.parent().expect("parent").to_path_buf();
        let mut created = Vec::new();
        let mut cur = parent.as_path();
        while !cur.exists() {
            created.push(cur.to_path_buf());
            cur = cur.parent().expect("parent");
        }
        std::fs::create_dir_all(&parent).expect("creating parent dirs");
        for d in created {
            self.chown_to_user(&d);
        }
        std::fs::write(&p, content).unwrap_or_else(|e| panic!("writing {}: {e}", p.display()));
        self.chown_to_user(&p);
        p
    }

    /// Writes the registries.conf rpod reads (CONTAINERS_REGISTRIES_CONF).
    pub fn registries_conf(&self, content: &str) -> PathBuf {
        self.write_file(&self.etc.join("registries.conf"), content)
    }

    /// Writes the containers.conf rpod reads (CONTAINERS_CONF).
    pub fn containers_conf(&self, content: &str) -> PathBuf {
        self.write_file(&self.etc.join("containers.conf"), content)
    }

    /// Removes an environment variable from every later command (for
    /// instance CONTAINERS_STORAGE_CONF, to test the user's own file).
    pub fn unset_env(&mut self, k: &str) {
        self.extra_env.retain(|(key, _)| key != k);
        self.unset_env.push(k.to_string());
    }

    /// A registries.conf making `addr` the only search registry, insecure.
    pub fn search_registry(&self, addr: &str) -> PathBuf {
        self.registries_conf(&format!(
            "unqualified-search-registries = [\"{addr}\"]\n\n[[registry]]\nlocation = \"{addr}\"\ninsecure = true\n"
        ))
    }

    /// The base environment of every command.
    pub fn base_env(&self) -> Vec<(String, String)> {
        let mut v = vec![
            ("HOME".to_string(), self.home.display().to_string()),
            ("PATH".to_string(), PATH.to_string()),
            (
                "XDG_CONFIG_HOME".to_string(),
                self.config.display().to_string(),
            ),
            ("XDG_DATA_HOME".to_string(), self.data.display().to_string()),
            (
                "XDG_RUNTIME_DIR".to_string(),
                self.runtime.display().to_string(),
            ),
            ("LANG".to_string(), "C.UTF-8".to_string()),
            (
                "CONTAINERS_CONF".to_string(),
                self.etc.join("containers.conf").display().to_string(),
            ),
            (
                "CONTAINERS_REGISTRIES_CONF".to_string(),
                self.etc.join("registries.conf").display().to_string(),
            ),
            (
                "CONTAINERS_STORAGE_CONF".to_string(),
                self.etc.join("storage.conf").display().to_string(),
            ),
        ];
        if let Some(u) = &self.user {
            v.push(("USER".to_string(), u.name.clone()));
            v.push(("LOGNAME".to_string(), u.name.clone()));
        }
        for k in ["RUST_BACKTRACE", "RUST_LOG", "RPOD_LOG", "RPOD_NO_OPENAT2"] {
            if let Ok(val) = std::env::var(k) {
                v.push((k.to_string(), val));
            }
        }
        v.extend(self.extra_env.iter().cloned());
        v.retain(|(k, _)| !self.unset_env.contains(k));
        v
    }

    /// `rpod --root DIR/root --runroot DIR/runroot ARGS...` as the test user.
    pub fn rpod<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let mut c = self.cmd(rpod_bin());
        c.arg("--root")
            .arg(self.root())
            .arg("--runroot")
            .arg(self.runroot());
        c.args(args);
        c
    }

    /// `rpod ARGS...` without the --root/--runroot flags (default store paths).
    pub fn rpod_bare<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        let mut c = self.cmd(rpod_bin());
        c.args(args);
        c
    }

    /// Any program, run as the test user with the test environment.
    pub fn cmd(&self, program: impl Into<OsString>) -> Cmd {
        Cmd {
            program: program.into(),
            args: Vec::new(),
            env: self.base_env(),
            user: if is_root() {
                self.user.as_ref().map(|u| u.name.clone())
            } else {
                None
            },
            stdin: None,
            timeout: Duration::from_secs(300),
            cwd: PathBuf::from("/"),
        }
    }

    /// Runs `rpod image inspect REF` and returns the first object.
    pub fn inspect(&self, reference: &str) -> serde_json::Value {
        let out = self.rpod(["image", "inspect", reference]).run();
        out.success();
        let v = out.json();
        v.as_array()
            .and_then(|a| a.first().cloned())
            .unwrap_or_else(|| {
                panic!("image inspect did not print a JSON array with one object\n{out}")
            })
    }

    /// Layer directories of an image from `image inspect` (GraphDriver
    /// UpperDir first, then LowerDir entries, top to bottom).
    pub fn layer_dirs(&self, reference: &str) -> Vec<PathBuf> {
        let v = self.inspect(reference);
        let data = &v["GraphDriver"]["Data"];
        let mut dirs = Vec::new();
        if let Some(u) = data["UpperDir"].as_str() {
            dirs.push(PathBuf::from(u));
        }
        if let Some(l) = data["LowerDir"].as_str() {
            dirs.extend(l.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
        }
        assert!(
            !dirs.is_empty(),
            "image inspect {reference} has no GraphDriver.Data.UpperDir/LowerDir: {v:#}"
        );
        dirs
    }

    /// Finds `rel` in an image's layers, top layer first.
    pub fn find_in_layers(&self, reference: &str, rel: &str) -> PathBuf {
        let dirs = self.layer_dirs(reference);
        dirs.iter()
            .map(|d| d.join(rel))
            .find(|p| std::fs::symlink_metadata(p).is_ok())
            .unwrap_or_else(|| panic!("{rel} not found in any layer of {reference}: {dirs:?}"))
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        if std::env::var_os("RPOD_TEST_KEEP").is_some() {
            eprintln!("keeping test dir {}", self.dir.display());
            return;
        }
        // A failed test may leave containers running (monitors, pasta):
        // end them first, when the test got as far as making a store.
        if self.root().join("containers").is_dir() {
            let _ = self
                .rpod(["rm", "-af", "-t", "0"])
                .timeout(Duration::from_secs(60))
                .run();
        }
        // Nothing of the test may outlive it: no process (monitor, pasta,
        // fuse-overlayfs, UDP relay: each names the test's directory in its
        // command line or environment) and no mount under its directory.
        let mut left = self.leftovers();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !left.is_empty() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            left = self.leftovers();
        }
        if !left.is_empty() {
            for (pid, _) in &left.processes {
                let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            }
            for m in left.mounts.iter().rev() {
                let _ = Command::new("umount").arg("-l").arg(m).status();
            }
            let msg = format!(
                "the test left processes or mounts behind (now killed, unmounted):\n{left}"
            );
            let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
            if ci && !std::thread::panicking() {
                panic!("{msg}");
            }
            eprintln!("warning: {msg}");
        }
        // Overlay mounts from a failed test would make removal fail: best effort.
        if std::fs::remove_dir_all(&self.dir).is_err() && !is_root() {
            // Files owned by subordinate ids: remove them from inside the namespace.
            let _ = self.rpod(["unshare", "rm", "-rf"]).arg(self.root()).run();
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// What a test left behind: live processes and mount points.
#[derive(Default)]
pub struct Leftovers {
    /// (pid, command line).
    pub processes: Vec<(u32, String)>,
    /// Mount points (in this process's mount namespace).
    pub mounts: Vec<String>,
}

impl Leftovers {
    /// Whether nothing is left.
    pub fn is_empty(&self) -> bool {
        self.processes.is_empty() && self.mounts.is_empty()
    }
}

impl std::fmt::Display for Leftovers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (pid, cmd) in &self.processes {
            writeln!(f, "process {pid}: {cmd}")?;
        }
        for m in &self.mounts {
            writeln!(f, "mount {m}")?;
        }
        Ok(())
    }
}

impl Env {
    /// The live processes whose command line or environment names this
    /// test's directory, and the mounts under it.
    pub fn leftovers(&self) -> Leftovers {
        let needle = self.dir.display().to_string();
        let me = std::process::id();
        let mut out = Leftovers::default();
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            if pid == me || !alive(i64::from(pid)) {
                continue;
            }
            let cmd = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
            let environ = std::fs::read(e.path().join("environ")).unwrap_or_default();
            let has = |b: &[u8]| b.windows(needle.len()).any(|w| w == needle.as_bytes());
            if has(&cmd) || has(&environ) {
                let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
                // The pid may have gone (or been reused) meanwhile.
                if alive(i64::from(pid)) {
                    out.processes.push((pid, cmd.trim_end().to_string()));
                }
            }
        }
        let info = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        for line in info.lines() {
            if let Some(point) = line.split(' ').nth(4) {
                if point == needle || point.starts_with(&format!("{needle}/")) {
                    out.mounts.push(point.to_string());
                }
            }
        }
        out
    }
}

/// A command to run, as the test user when the harness is root.
pub struct Cmd {
    program: OsString,
    args: Vec<OsString>,
    env: Vec<(String, String)>,
    user: Option<String>,
    stdin: Option<Vec<u8>>,
    timeout: Duration,
    cwd: PathBuf,
}

impl Cmd {
    /// Runs the command in `dir` (default `/`).
    pub fn current_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Cmd {
        self.cwd = dir.into();
        self
    }

    /// Adds an argument.
    pub fn arg(&mut self, a: impl Into<OsString>) -> &mut Cmd {
        self.args.push(a.into());
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(&mut self, args: I) -> &mut Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Sets an environment variable (replacing an earlier one of the same name).
    pub fn env(&mut self, k: &str, v: impl AsRef<str>) -> &mut Cmd {
        self.env.retain(|(key, _)| key != k);
        self.env.push((k.to_string(), v.as_ref().to_string()));
        self
    }

    /// Removes an environment variable.
    pub fn env_remove(&mut self, k: &str) -> &mut Cmd {
        self.env.retain(|(key, _)| key != k);
        self
    }

    /// Feeds bytes on stdin.
    pub fn stdin(&mut self, data: impl AsRef<[u8]>) -> &mut Cmd {
        self.stdin = Some(data.as_ref().to_vec());
        self
    }

    /// Kills the command after this long (default 300 s).
    pub fn timeout(&mut self, t: Duration) -> &mut Cmd {
        self.timeout = t;
        self
    }

    /// The command line, for messages.
    pub fn cmdline(&self) -> String {
        let mut s = self.program.to_string_lossy().to_string();
        for a in &self.args {
            s.push(' ');
            let a = a.to_string_lossy();
            if a.contains(' ') || a.is_empty() {
                s.push_str(&format!("'{a}'"));
            } else {
                s.push_str(&a);
            }
        }
        s
    }

    /// The std Command: `runuser -u USER -- env -i K=V... PROGRAM ARGS` when
    /// running as another user, else PROGRAM with a cleared environment.
    pub fn command(&self) -> Command {
        let mut c = match &self.user {
            Some(u) => {
                let mut c = Command::new("runuser");
                c.args(["-u", u, "--", "env", "-i"]);
                c.args(self.env.iter().map(|(k, v)| format!("{k}={v}")));
                c.arg(&self.program);
                c
            }
            None => {
                let mut c = Command::new(&self.program);
                c.env_clear();
                c.envs(self.env.iter().map(|(k, v)| (k, v)));
                c
            }
        };
        c.args(&self.args);
        c.current_dir(&self.cwd);
        c
    }

    /// Starts the command in its own process group, stdout/stderr piped.
    /// Kill it with [`kill_group`] (kills runuser and rpod together).
    pub fn spawn(&self) -> Child {
        let mut c = self.command();
        c.process_group(0);
        c.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {}: {e}", self.cmdline()));
        if let Some(data) = &self.stdin {
            let mut si = child.stdin.take().expect("stdin");
            let _ = si.write_all(data);
        }
        child
    }

    /// Runs to completion (killed after the timeout) and returns the output.
    pub fn run(&self) -> Output {
        let child = self.spawn();
        let pid = child.id();
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let d2 = done.clone();
        let timeout = self.timeout;
        let watchdog = std::thread::spawn(move || {
            let start = std::time::Instant::now();
            while start.elapsed() < timeout {
                if d2.load(std::sync::atomic::Ordering::SeqCst) {
                    return false;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            kill_group(pid);
            true
        });
        let out = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("waiting for {}: {e}", self.cmdline()));
        done.store(true, std::sync::atomic::Ordering::SeqCst);
        let timed_out = watchdog.join().unwrap_or(false);
        let mut stderr = String::from_utf8_lossy(&out.stderr).to_string();
        if timed_out {
            stderr.push_str(&format!("\n[harness: killed after {timeout:?}]"));
        }
        Output {
            cmdline: self.cmdline(),
            stdout: String::from_utf8_lossy(&out.stdout).to_string(),
            stderr,
            code: out
                .status
                .code()
                .unwrap_or_else(|| 128 + out.status.signal().unwrap_or(0)),
        }
    }
}

/// SIGKILLs a process group started by [`Cmd::spawn`].
pub fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-s", "KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}

/// What a command printed and how it exited.
pub struct Output {
    /// The command line.
    pub cmdline: String,
    /// stdout.
    pub stdout: String,
    /// stderr.
    pub stderr: String,
    /// Exit code (128+signal when killed).
    pub code: i32,
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "command: {}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}\n---",
            self.cmdline, self.code, self.stdout, self.stderr
        )
    }
}

impl Output {
    /// Asserts exit code 0.
    #[track_caller]
    pub fn success(&self) -> &Output {
        assert_eq!(self.code, 0, "expected success\n{self}");
        self
    }

    /// Asserts a given exit code.
    #[track_caller]
    pub fn code(&self, code: i32) -> &Output {
        assert_eq!(self.code, code, "expected exit code {code}\n{self}");
        self
    }

    /// Asserts podman's error shape: exit 125 and stderr starting with "Error: ".
    #[track_caller]
    pub fn error125(&self) -> &Output {
        self.code(125);
        assert!(
            self.stderr.trim_start().starts_with("Error: ") || self.stderr.contains("\nError: "),
            "expected stderr to start with `Error: `\n{self}"
        );
        self
    }

    /// Asserts stdout contains a string.
    #[track_caller]
    pub fn stdout_has(&self, s: &str) -> &Output {
        assert!(
            self.stdout.contains(s),
            "expected stdout to contain {s:?}\n{self}"
        );
        self
    }

    /// Asserts stderr contains a string.
    #[track_caller]
    pub fn stderr_has(&self, s: &str) -> &Output {
        assert!(
            self.stderr.contains(s),
            "expected stderr to contain {s:?}\n{self}"
        );
        self
    }

    /// Asserts stderr is exactly `s` (a trailing newline aside).
    #[track_caller]
    pub fn stderr_is(&self, s: &str) -> &Output {
        assert_eq!(
            self.stderr.trim_end_matches('\n'),
            s.trim_end_matches('\n'),
            "unexpected stderr\n{self}"
        );
        self
    }

    /// Asserts stdout is exactly `s` (a trailing newline aside).
    #[track_caller]
    pub fn stdout_is(&self, s: &str) -> &Output {
        assert_eq!(
            self.stdout.trim_end_matches('\n'),
            s.trim_end_matches('\n'),
            "unexpected stdout\n{self}"
        );
        self
    }

    /// Non-empty stdout lines, trimmed.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect()
    }

    /// stdout trimmed.
    pub fn out(&self) -> &str {
        self.stdout.trim()
    }

    /// stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }
}

/// Splits a table row on runs of two or more spaces (podman's table layout).
pub fn columns(line: &str) -> Vec<String> {
    let re = regex::Regex::new(r"\s{2,}").expect("regex");
    re.split(line.trim()).map(str::to_string).collect()
}

/// Whether `s` is `n` lowercase hex digits.
pub fn is_hex(s: &str, n: usize) -> bool {
    s.len() == n
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Host `stat -c FORMAT PATH` (run by the harness process, not the test user).
pub fn host_stat(format: &str, p: &Path) -> String {
    let out = Command::new("stat")
        .args(["-c", format])
        .arg(p)
        .output()
        .expect("running stat");
    assert!(
        out.status.success(),
        "stat {}: {}",
        p.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Every path under `root` (not following symlinks).
pub fn walk(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&p) else {
            continue;
        };
        for e in rd.flatten() {
            let path = e.path();
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(path.clone());
            }
            out.push(path);
        }
    }
    out
}

/// Whether a process exists and is not a zombie.
pub fn alive(pid: i64) -> bool {
    pid > 0
        && std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
}

/// Polls every 50 ms until `f` holds; panics with `what` after `timeout`.
#[track_caller]
pub fn eventually_within(timeout: Duration, what: &str, mut f: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + timeout;
    while !f() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for: {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// [`eventually_within`] 20 seconds.
#[track_caller]
pub fn eventually(what: &str, f: impl FnMut() -> bool) {
    eventually_within(Duration::from_secs(20), what, f);
}

/// A command running in the background (its own process group), its
/// stdout and stderr collected as they come; killed, group and all, on drop.
pub struct Spawned {
    child: Child,
    cmdline: String,
    stdin: Option<std::process::ChildStdin>,
    out: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    err: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

fn collect(
    mut r: impl std::io::Read + Send + 'static,
) -> (
    std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    std::thread::JoinHandle<()>,
) {
    let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let b2 = buf.clone();
    let h = std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = r.read(&mut chunk) {
            if n == 0 {
                break;
            }
            b2.lock()
                .expect("output buffer")
                .extend_from_slice(&chunk[..n]);
        }
    });
    (buf, h)
}

impl Spawned {
    /// The pid of the spawned process (`runuser` when running as the test user).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the command has exited (it is not reaped until [`Spawned::finish`]).
    pub fn exited(&self) -> bool {
        std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .map(|s| {
                s.rsplit(')')
                    .next()
                    .unwrap_or("")
                    .trim_start()
                    .starts_with('Z')
            })
            .unwrap_or(true)
    }

    /// stdout so far.
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().expect("stdout")).to_string()
    }

    /// stderr so far.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.err.lock().expect("stderr")).to_string()
    }

    /// Waits (at most `timeout`) until stdout contains `needle`.
    #[track_caller]
    pub fn wait_for_stdout(&self, needle: &str, timeout: Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while !self.stdout().contains(needle) {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {needle:?} from {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
                self.cmdline,
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Writes to the command's stdin (when it was given one with [`Cmd::stdin`]).
    pub fn send(&mut self, data: &[u8]) {
        let si = self.stdin.as_mut().expect("the command has no piped stdin");
        si.write_all(data).expect("writing to the command's stdin");
        si.flush().expect("flushing the command's stdin");
    }

    /// Closes stdin.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the command to exit, at most `timeout` (then kills its
    /// group and says so in stderr), and returns what it printed.
    pub fn finish(mut self, timeout: Duration) -> Output {
        self.stdin = None;
        let deadline = std::time::Instant::now() + timeout;
        let mut timed_out = false;
        let status = loop {
            match self
                .child
                .try_wait()
                .expect("waiting for a spawned command")
            {
                Some(st) => break st,
                None if std::time::Instant::now() >= deadline => {
                    kill_group(self.child.id());
                    timed_out = true;
                    break self.child.wait().expect("waiting for a killed command");
                }
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        };
        // The readers end when every writer (the group) has gone.
        kill_group(self.child.id());
        for h in self.readers.drain(..) {
            let _ = h.join();
        }
        let mut stderr = self.stderr();
        if timed_out {
            stderr.push_str(&format!("\n[harness: killed after {timeout:?}]"));
        }
        Output {
            cmdline: self.cmdline.clone(),
            stdout: self.stdout(),
            stderr,
            code: status
                .code()
                .unwrap_or_else(|| 128 + status.signal().unwrap_or(0)),
        }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            kill_group(self.child.id());
            let _ = self.child.wait();
        }
    }
}

impl Cmd {
    /// Starts the command in the background ([`Spawned`]); with
    /// [`Cmd::stdin`] its stdin stays open for [`Spawned::send`] after the
    /// given bytes.
    pub fn start(&self) -> Spawned {
        let mut c = self.command();
        c.process_group(0);
        c.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = c
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {}: {e}", self.cmdline()));
        let mut stdin = child.stdin.take();
        if let (Some(si), Some(data)) = (stdin.as_mut(), &self.stdin) {
            let _ = si.write_all(data);
        }
        let (out, h1) = collect(child.stdout.take().expect("stdout"));
        let (err, h2) = collect(child.stderr.take().expect("stderr"));
        Spawned {
            child,
            cmdline: self.cmdline(),
            stdin,
            out,
            err,
            readers: vec![h1, h2],
        }
    }
}

/// A command on a real terminal (util-linux `script` gives it one), driven
/// like a user at the keyboard: [`Terminal::expect`] waits for what the
/// screen shows before [`Terminal::send`] types the next keys. Terminal
/// tests hold a lock, so that they run one at a time.
pub struct Terminal {
    inner: Spawned,
    _serial: std::sync::MutexGuard<'static, ()>,
}

impl Terminal {
    /// Runs the shell command line `line` (as the test user) on a new
    /// terminal; None (a skip, where allowed) without `script`.
    pub fn start(env: &Env, line: &str) -> Option<Terminal> {
        static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
        if !have("script") {
            return prerequisite("script (util-linux) for a real terminal");
        }
        let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let mut cmd = env.cmd("script");
        cmd.args(["-qfec", line, "/dev/null"]).stdin("");
        cmd.env("TERM", "xterm");
        Some(Terminal {
            inner: cmd.start(),
            _serial: serial,
        })
    }

    /// Waits (at most 60 s) until the screen has shown `needle`.
    #[track_caller]
    pub fn expect(&self, needle: &str) {
        self.inner.wait_for_stdout(needle, Duration::from_secs(60));
    }

    /// Waits until the screen has shown `needle` `n` times in all.
    #[track_caller]
    pub fn expect_times(&self, needle: &str, n: usize) {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while self.inner.stdout().matches(needle).count() < n {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {n} times {needle:?}\n{}",
                self.inner.stdout()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The pid of `script` (the processes on the terminal are its descendants).
    pub fn pid(&self) -> u32 {
        self.inner.pid()
    }

    /// Types keys.
    pub fn send(&mut self, keys: &str) {
        self.inner.send(keys.as_bytes());
    }

    /// Everything the screen showed so far.
    pub fn screen(&self) -> String {
        self.inner.stdout()
    }

    /// Waits (at most 60 s) for the command to end.
    pub fn finish(self) -> Output {
        let Terminal { inner, _serial } = self;
        inner.finish(Duration::from_secs(60))
    }
}

/// Children of `pid` (every thread's).
pub fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|s| {
            s.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

/// `pid` and all its descendants.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut out = vec![pid];
    let mut i = 0;
    while i < out.len() {
        let c = children(out[i]);
        out.extend(c);
        i += 1;
    }
    out
}

pub fn cmdline(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
        .unwrap_or_default()
}

/// Waits (at most 60 s, and no longer than `root` lives) until a
/// descendant of `root` runs a command line starting with `prefix` and
/// returns its pid.
pub fn wait_for_descendant(root: u32, prefix: &str) -> Option<u32> {
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_secs(60) && alive(i64::from(root)) {
        if let Some(p) = descendants(root)
            .into_iter()
            .find(|p| cmdline(*p).starts_with(prefix))
        {
            return Some(p);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// A loopback port for a server a test starts, without the race of
/// binding port 0 and letting it go: ports come from below the kernel's
/// ephemeral range (so no outgoing connection takes one as its source
/// port), each is reserved for this test process by a lock file that
/// other test runs on the machine respect, and is free (TCP and UDP on
/// 127.0.0.1) when handed out.
pub fn port() -> u16 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    static HELD: std::sync::Mutex<Vec<std::fs::File>> = std::sync::Mutex::new(Vec::new());
    const FIRST: u32 = 20000;
    const COUNT: u32 = 12000;
    let dir = Path::new("/tmp/rpod-it-ports");
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o1777));
    let start = std::process::id() * 7;
    for _ in 0..COUNT {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let port = (FIRST + (start + n) % COUNT) as u16;
        let Ok(f) = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(format!("{port}.lock")))
        else {
            continue;
        };
        if f.try_lock().is_err() {
            continue;
        }
        let free = std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
            && std::net::UdpSocket::bind(("127.0.0.1", port)).is_ok();
        if free {
            HELD.lock().expect("ports").push(f);
            return port;
        }
    }
    panic!("no free loopback port in {FIRST}..{}", FIRST + COUNT);
}
