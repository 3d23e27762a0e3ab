//! A real registry for the tests: Debian's `docker-registry` (CNCF distribution)
//! on a free loopback port with filesystem storage, optionally behind htpasswd
//! basic auth (distribution 2.8 accepts htpasswd without TLS).
//!
//! The registry runs under a small `sh` wrapper that waits for EOF on its stdin
//! (a pipe held by the test process): when the test binary exits, even through a
//! panic or without dropping a `static`, the wrapper kills the registry and
//! removes its directory.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::fixtures::{self, Fixture};
use crate::harness::prerequisite;

/// Where the registry binary lives on Debian.
pub const REGISTRY_BIN: &str = "/usr/bin/docker-registry";
/// The user and password of the auth registry.
pub const USER: &str = "alice";
/// The password of [`USER`].
pub const PASSWORD: &str = "secret";

/// A running registry; killed on drop.
pub struct Registry {
    /// "127.0.0.1:PORT".
    pub addr: String,
    /// The filesystem storage root.
    pub storage: PathBuf,
    /// Credentials when started with htpasswd auth.
    pub auth: Option<(String, String)>,
    dir: PathBuf,
    child: Option<Child>,
}

/// A loopback port for a server a test starts (see [`crate::harness::port`]).
pub fn free_port() -> u16 {
    crate::harness::port()
}

impl Registry {
    /// Starts a registry; `auth` adds htpasswd basic auth for alice/secret.
    pub fn start(auth: bool) -> Result<Registry, String> {
        Registry::start_with(auth, "")
    }

    /// Starts a registry with `extra_yaml` (an `auth:` section) appended
    /// to its configuration.
    pub fn start_with(auth: bool, extra_yaml: &str) -> Result<Registry, String> {
        if !Path::new(REGISTRY_BIN).exists() {
            return Err(format!(
                "{REGISTRY_BIN} missing (apt-get install docker-registry)"
            ));
        }
        let dir = tempfile::Builder::new()
            .prefix("rpod-it-registry-")
            .tempdir_in("/tmp")
            .map_err(|e| format!("creating registry dir: {e}"))?
            .keep();
        let storage = dir.join("storage");
        std::fs::create_dir_all(&storage)
            .map_err(|e| format!("creating {}: {e}", storage.display()))?;
        let mut auth_yaml = extra_yaml.to_string();
        if auth {
            let out = Command::new("htpasswd")
                .args(["-Bbn", USER, PASSWORD])
                .output()
                .map_err(|e| format!("running htpasswd (apt-get install apache2-utils): {e}"))?;
            if !out.status.success() {
                return Err(format!(
                    "htpasswd failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            let hp = dir.join("htpasswd");
            std::fs::write(&hp, &out.stdout).map_err(|e| format!("writing htpasswd: {e}"))?;
            auth_yaml = format!(
                "auth:\n  htpasswd:\n    realm: rpod-test\n    path: {}\n",
                hp.display()
            );
        }
        // Port 0: the registry binds a free port itself (no bind-and-release
        // race with other tests) and logs which.
        let cfg = dir.join("config.yml");
        let yaml = format!(
            "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\n  maintenance:\n    uploadpurging:\n      enabled: false\nhttp:\n  addr: 127.0.0.1:0\n  secret: rpod-test-secret\n{auth_yaml}",
            storage.display()
        );
        std::fs::write(&cfg, yaml).map_err(|e| format!("writing registry config: {e}"))?;
        let log = dir.join("registry.log");
        let script = format!(
            "{REGISTRY_BIN} serve {cfg} >{log} 2>&1 </dev/null & r=$!; cat >/dev/null; kill $r 2>/dev/null; wait $r; rm -rf {dir}",
            cfg = cfg.display(),
            log = log.display(),
            dir = dir.display()
        );
        let child = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting registry: {e}"))?;
        let mut reg = Registry {
            addr: String::new(),
            storage: storage.clone(),
            auth: auth.then(|| (USER.to_string(), PASSWORD.to_string())),
            dir: dir.clone(),
            child: Some(child),
        };
        let re = regex::Regex::new(r#"msg="listening on (127\.0\.0\.1:\d+)""#).expect("regex");
        let deadline = Instant::now() + Duration::from_secs(30);
        while reg.addr.is_empty() && Instant::now() < deadline {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            match re.captures(&text) {
                Some(c) => reg.addr = c[1].to_string(),
                None => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        if !reg.addr.is_empty() && reg.wait_ready(Duration::from_secs(15)) {
            return Ok(reg);
        }
        let last = std::fs::read_to_string(&log).unwrap_or_default();
        reg.stop(false);
        let _ = std::fs::remove_dir_all(&dir);
        Err(format!("registry did not answer /v2/; its log:\n{last}"))
    }

    fn wait_ready(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(2))
            .build();
        while start.elapsed() < timeout {
            match agent.get(&format!("http://{}/v2/", self.addr)).call() {
                Ok(_) | Err(ureq::Error::Status(401, _)) => return true,
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        false
    }

    /// "http://ADDR".
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The registry's log so far.
    pub fn log(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(self.dir.join("registry.log")) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }

    fn stop(&mut self, remove: bool) {
        if let Some(mut c) = self.child.take() {
            drop(c.stdin.take());
            let _ = c.wait();
        }
        if remove {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop(true);
    }
}

/// A registry with every fixture pushed, shared by the tests of one run.
pub struct Shared {
    /// The registry.
    pub registry: Registry,
    /// Fixtures by "repo:tag".
    pub fixtures: BTreeMap<String, Fixture>,
}

impl Shared {
    /// "127.0.0.1:PORT".
    pub fn addr(&self) -> &str {
        &self.registry.addr
    }

    /// A fixture by "repo:tag".
    pub fn fixture(&self, name: &str) -> &Fixture {
        self.fixtures
            .get(name)
            .unwrap_or_else(|| panic!("no fixture {name}"))
    }

    /// "127.0.0.1:PORT/repo:tag".
    pub fn reference(&self, name: &str) -> String {
        format!("{}/{name}", self.registry.addr)
    }
}

fn start_shared(auth: bool) -> Result<Shared, String> {
    let registry = Registry::start(auth)?;
    let fixtures = fixtures::push_all(
        &registry.addr,
        registry.auth.clone(),
        Some(&registry.storage),
    )?;
    Ok(Shared { registry, fixtures })
}

static PLAIN: OnceLock<Result<Shared, String>> = OnceLock::new();
static AUTH: OnceLock<Result<Shared, String>> = OnceLock::new();

/// The shared plain registry with fixtures; None (a skip, where allowed)
/// when docker-registry or busybox-static is not installed. Any other
/// error (start, push) fails the test.
pub fn plain() -> Option<&'static Shared> {
    shared(&PLAIN, false)
}

/// The shared htpasswd registry (alice/secret) with fixtures.
pub fn with_auth() -> Option<&'static Shared> {
    shared(&AUTH, true)
}

fn shared(cell: &'static OnceLock<Result<Shared, String>>, auth: bool) -> Option<&'static Shared> {
    installed(auth)?;
    match cell.get_or_init(|| start_shared(auth)) {
        Ok(s) => Some(s),
        Err(e) => panic!("the test registry with its fixtures: {e}"),
    }
}

/// The packages a registry with fixtures needs: a missing one is a missing
/// prerequisite; anything else (the registry does not start, a fixture
/// push fails) is a failure.
pub fn installed(auth: bool) -> Option<()> {
    crate::report::install();
    if !Path::new(REGISTRY_BIN).exists() {
        return prerequisite(&format!(
            "{REGISTRY_BIN} missing (apt-get install docker-registry)"
        ));
    }
    if auth && !crate::harness::have("htpasswd") {
        return prerequisite("htpasswd missing (apt-get install apache2-utils)");
    }
    if !Path::new(fixtures::BUSYBOX).exists() {
        return prerequisite(&format!(
            "{} missing (apt-get install busybox-static)",
            fixtures::BUSYBOX
        ));
    }
    Some(())
}
