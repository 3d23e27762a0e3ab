//! Network definitions on disk: one podman 5 JSON file per network in
//! `<graph root>/networks/NAME.json`, plus their volatile state (address
//! leases, name records) under `<run root>/networks/`. The default network
//! `podman` has no file: it exists in memory on every load, as in podman
//! (a `podman.json` written by hand replaces it, as in podman).
//!
//! Why rpod's own directory and not podman's `$XDG_CONFIG_HOME/containers/
//! networks`: a network belongs to the containers of a store, and rpod's
//! containers are not podman's. Sharing the directory would let `podman
//! network prune` delete networks rpod's containers use (podman sees none
//! of them), and `rpod system reset` delete podman's; the two would also
//! lease addresses from separate databases. Keeping the files in the
//! graph root makes `--root` a self-contained world and lets `system reset`
//! remove networks with the rest; the format stays podman's, so a file
//! copied from podman's directory works here as it is.
//!
//! Creating and removing take the store's `networks` lock and re-read the
//! directory under it, so concurrent creates never pick one subnet twice; a
//! definition appears only by an atomic rename, so a killed `create` leaves
//! nothing half-written.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};

use super::config::{self, ConfigError, CreateRequest, Fresh, HostView, Network};
use super::subnet::Pool;
use super::{Error, Result};
use crate::store::atomic::write_atomic;
use crate::store::lock::{self, LockGuard, LockMode};

/// The networks of one store.
#[derive(Debug, Clone)]
pub struct Networks {
    dir: PathBuf,
    lock_path: PathBuf,
    run_dir: PathBuf,
}

fn io(action: String) -> impl FnOnce(std::io::Error) -> Error {
    move |source| Error::Io { action, source }
}

/// The current local time, as podman stamps `created`.
pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// Fills `buf` from the kernel's random source.
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<()> {
    use std::io::Read;
    fs_err::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .map_err(io("reading /dev/urandom".into()))
}

/// A new random 64-hex-digit ID.
pub fn new_id() -> Result<String> {
    let mut b = [0u8; 32];
    random_bytes(&mut b)?;
    Ok(hex::encode(b))
}

/// Finds a network by exact name, else by unique ID prefix (podman's lookup).
pub fn lookup<'a>(
    networks: &'a [Network],
    name_or_id: &str,
) -> std::result::Result<&'a Network, ConfigError> {
    if let Some(n) = networks.iter().find(|n| n.name == name_or_id) {
        return Ok(n);
    }
    let mut found = None;
    if !name_or_id.is_empty() {
        for n in networks.iter().filter(|n| n.id.starts_with(name_or_id)) {
            if found.is_some() {
                return Err(ConfigError::Ambiguous(name_or_id.to_string()));
            }
            found = Some(n);
        }
    }
    found.ok_or_else(|| ConfigError::NotFound(name_or_id.to_string()))
}

impl Networks {
    /// The networks of the store with graph root `root` and run root `runroot`.
    pub fn new(root: &Path, runroot: &Path) -> Networks {
        Networks {
            dir: root.join("networks"),
            lock_path: root.join("locks").join("networks.lock"),
            run_dir: runroot.join("networks"),
        }
    }

    /// Where the definitions are.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where leases and name records are (volatile: gone after a reboot).
    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    /// Takes the lock that creating and removing networks hold.
    pub fn lock(&self) -> Result<LockGuard> {
        if let Some(parent) = self.lock_path.parent() {
            crate::store::create_dir_private(parent)?;
        }
        lock::lock(&self.lock_path, LockMode::Exclusive)
            .map_err(io(format!("locking {}", self.lock_path.display())))
    }

    /// Every network, sorted by name, the default one included; files that
    /// do not parse are skipped and described in the second value (podman
    /// warns about them the same way).
    pub fn load(&self) -> Result<(Vec<Network>, Vec<String>)> {
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        let entries = match fs_err::read_dir(&self.dir) {
            Ok(d) => d.flatten().collect::<Vec<_>>(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io(format!("listing {}", self.dir.display()))(e)),
        };
        for e in entries {
            let file = e.file_name().to_string_lossy().into_owned();
            let Some(stem) = file.strip_suffix(".json") else {
                continue;
            };
            if stem.starts_with('.') {
                continue;
            }
            let path = e.path();
            let bytes = match fs_err::read(&path) {
                Ok(b) => b,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                Err(err) => {
                    warnings.push(format!(
                        "Error loading network config file {:?}: {}",
                        path,
                        crate::sys::os_text(&err)
                    ));
                    continue;
                }
            };
            let mut n: Network = match serde_json::from_slice(&bytes) {
                Ok(n) => n,
                Err(err) => {
                    warnings.push(format!(
                        "Error reading network config file {:?}: {err}",
                        path
                    ));
                    continue;
                }
            };
            if let Err(err) = config::check_loaded(&mut n, stem) {
                warnings.push(format!(
                    "Network config {:?} could not be parsed, skipping: {err}",
                    path
                ));
                continue;
            }
            out.push(n);
        }
        if !out.iter().any(|n| n.name == config::DEFAULT_NETWORK) {
            out.push(config::default_network(now()));
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((out, warnings))
    }

    /// Every network, sorted by name.
    pub fn list(&self) -> Result<Vec<Network>> {
        Ok(self.load()?.0)
    }

    /// One network, by name or ID prefix.
    pub fn get(&self, name_or_id: &str) -> Result<Network> {
        let all = self.list()?;
        Ok(lookup(&all, name_or_id)?.clone())
    }

    /// Creates a network (takes the lock). With `ignore`, an existing
    /// network of that name is returned instead of an error. The second
    /// value says whether it was created.
    pub fn create(
        &self,
        req: &CreateRequest,
        host: &HostView,
        pools: Vec<Pool>,
        ignore: bool,
    ) -> Result<(Network, bool)> {
        let _lock = self.lock()?;
        let existing = self.list()?;
        if ignore {
            if let Some(n) = req
                .name
                .as_deref()
                .and_then(|name| existing.iter().find(|e| e.name == name))
            {
                return Ok((n.clone(), false));
            }
        }
        let mut ipv6_random = [0u8; 7];
        random_bytes(&mut ipv6_random)?;
        let fresh = Fresh {
            id: loop {
                let id = new_id()?;
                if !existing.iter().any(|e| e.id == id) {
                    break id;
                }
            },
            now: now(),
            ipv6_random,
            pools,
        };
        let network = config::plan_create(req, &existing, host, fresh)?;
        crate::store::create_dir_private(&self.dir)?;
        let path = self.dir.join(format!("{}.json", network.name));
        write_atomic(&path, &to_file_json(&network), 0o644)
            .map_err(io(format!("writing {}", path.display())))?;
        Ok((network, true))
    }

    /// Removes a network's definition and its volatile state (hold
    /// [`Networks::lock`]; containers that use it were dealt with by the
    /// caller). Addresses still leased on it make it in use, unless
    /// `force` drops them. The default network cannot be removed.
    pub fn remove_locked(&self, name_or_id: &str, force: bool) -> Result<Network> {
        let network = self.get(name_or_id)?;
        if network.name == config::DEFAULT_NETWORK {
            return Err(ConfigError::Invalid(format!(
                "default network {} cannot be removed",
                config::DEFAULT_NETWORK
            ))
            .into());
        }
        // Under the lease lock, so no lease is given while it goes; the
        // leases go first: a kill in between leaves a definition without
        // leases, which is a valid state.
        let leases = super::ipam::LeaseFile::open(&self.run_dir, &network.name)?;
        if !force && !leases.table.leases.is_empty() {
            return Err(Error::InUse {
                name: network.name.clone(),
                containers: leases
                    .table
                    .leases
                    .iter()
                    .map(|l| l.container_id.clone())
                    .collect(),
            });
        }
        leases.remove()?;
        let records = super::dns::records::records_file(&self.run_dir, &network.name);
        let path = self.dir.join(format!("{}.json", network.name));
        for p in [records, path] {
            match fs_err::remove_file(&p) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io(format!("removing {}", p.display()))(e))
                }
                _ => {}
            }
        }
        Ok(network)
    }

    /// Removes every definition and all volatile state (`system reset`).
    pub fn remove_all(&self) -> Result<()> {
        let _lock = self.lock()?;
        for d in [&self.run_dir, &self.dir] {
            match fs_err::remove_dir_all(d) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(io(format!("removing {}", d.display()))(e))
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A definition as podman writes its files: Go's encoder with a 5-space
/// indent and a final newline.
pub fn to_file_json(n: &Network) -> Vec<u8> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"     ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(n, &mut ser).expect("definitions serialise");
    buf.push(b'\n');
    buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::subnet;

    fn req(name: &str) -> CreateRequest {
        CreateRequest {
            name: Some(name.into()),
            ..CreateRequest::default()
        }
    }

    #[test]
    fn create_list_get_remove() {
        // Names with letters past f: a name that is also a hex prefix of
        // the other network's random ID would resolve to that network.
        let tmp = tempfile::tempdir().unwrap();
        let nets = Networks::new(&tmp.path().join("root"), &tmp.path().join("run"));
        assert_eq!(nets.list().unwrap().len(), 1, "the default network");
        let host = HostView::default();
        let (a, created) = nets
            .create(&req("xa"), &host, subnet::default_pools(), false)
            .unwrap();
        assert!(created);
        let (b, _) = nets
            .create(&req("xb"), &host, subnet::default_pools(), false)
            .unwrap();
        assert_ne!(a.subnets[0].subnet, b.subnets[0].subnet);
        assert_ne!(a.network_interface, b.network_interface);
        let file = fs_err::read_to_string(nets.dir().join("xa.json")).unwrap();
        assert!(
            file.starts_with("{\n     \"name\": \"xa\",\n     \"id\": "),
            "{file}"
        );
        assert!(file.ends_with("}\n"));
        let names: Vec<_> = nets.list().unwrap().into_iter().map(|n| n.name).collect();
        assert_eq!(names, ["podman", "xa", "xb"]);
        assert_eq!(nets.get(&a.id[..12]).unwrap().name, "xa");
        assert!(matches!(
            nets.create(&req("xa"), &host, subnet::default_pools(), false),
            Err(Error::Definition(ConfigError::Exists(_)))
        ));
        let (again, created) = nets
            .create(&req("xa"), &host, subnet::default_pools(), true)
            .unwrap();
        assert!(!created && again == a);
        {
            let _l = nets.lock().unwrap();
            assert_eq!(nets.remove_locked("xa", false).unwrap().id, a.id);
            let e = nets.remove_locked("podman", false).unwrap_err().to_string();
            assert_eq!(e, "default network podman cannot be removed");
            assert!(matches!(
                nets.remove_locked("xa", false),
                Err(Error::Definition(ConfigError::NotFound(_)))
            ));
        }
        nets.remove_all().unwrap();
        assert_eq!(nets.list().unwrap().len(), 1);
    }

    /// A definition as podman 5 writes it (Go's encoder, 5-space indent,
    /// sorted map keys): rpod reads it and writes it back byte for byte.
    const PODMAN_FILE: &str = r#"{
     "name": "dual",
     "id": "9b0b3ec9b2f1bd18d9b16b4b4f4a6d0f3b3a0e2e7a53c0f9d1b5ad0b8c7c5e21",
     "driver": "bridge",
     "network_interface": "podman3",
     "created": "2021-06-03T12:04:33.088567413+02:00",
     "subnets": [
          {
               "subnet": "10.89.2.0/24",
               "gateway": "10.89.2.1",
               "lease_range": {
                    "start_ip": "10.89.2.100",
                    "end_ip": "10.89.2.200"
               }
          },
          {
               "subnet": "fd4a:6b1c:2e3f:7d8c::/64",
               "gateway": "fd4a:6b1c:2e3f:7d8c::1"
          }
     ],
     "routes": [
          {
               "destination": "10.100.0.0/16",
               "gateway": "10.89.2.254",
               "metric": 100
          }
     ],
     "ipv6_enabled": true,
     "internal": false,
     "dns_enabled": true,
     "network_dns_servers": [
          "9.9.9.9"
     ],
     "labels": {
          "app": "web",
          "io.podman.compose.project": "demo"
     },
     "options": {
          "isolate": "true",
          "mtu": "1500"
     },
     "ipam_options": {
          "driver": "host-local"
     }
}
"#;

    #[test]
    fn a_file_podman_wrote_loads_and_round_trips() {
        let tmp = tempfile::tempdir().unwrap();
        let nets = Networks::new(&tmp.path().join("root"), &tmp.path().join("run"));
        fs_err::create_dir_all(nets.dir()).unwrap();
        fs_err::write(nets.dir().join("dual.json"), PODMAN_FILE).unwrap();
        let (list, warnings) = nets.load().unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let n = lookup(&list, "dual").unwrap();
        assert!(n.ipv6_enabled && n.dns_enabled);
        assert_eq!(n.routes[0].metric, Some(100));
        assert_eq!(String::from_utf8(to_file_json(n)).unwrap(), PODMAN_FILE);
    }

    #[test]
    fn damaged_and_misnamed_files_are_skipped_with_a_warning() {
        let tmp = tempfile::tempdir().unwrap();
        let nets = Networks::new(&tmp.path().join("root"), &tmp.path().join("run"));
        let (a, _) = nets
            .create(
                &req("a"),
                &HostView::default(),
                subnet::default_pools(),
                false,
            )
            .unwrap();
        fs_err::write(nets.dir().join("broken.json"), b"{").unwrap();
        fs_err::write(nets.dir().join("other.json"), to_file_json(&a)).unwrap();
        fs_err::write(nets.dir().join("notes.txt"), b"x").unwrap();
        let (list, warnings) = nets.load().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn lookups_by_name_and_id_prefix() {
        let mut a = config::default_network(now());
        a.name = "a".into();
        a.id = format!("ab{}", "0".repeat(62));
        let mut b = a.clone();
        b.name = "b".into();
        b.id = format!("ac{}", "0".repeat(62));
        let all = vec![a, b];
        assert_eq!(lookup(&all, "b").unwrap().name, "b");
        assert_eq!(lookup(&all, "ab").unwrap().name, "a");
        assert!(matches!(lookup(&all, "a0"), Err(ConfigError::NotFound(_))));
        // "a" is a name first.
        assert_eq!(lookup(&all, "a").unwrap().name, "a");
        let mut c = all.clone();
        c[0].name = "x".into();
        assert!(matches!(lookup(&c, "a"), Err(ConfigError::Ambiguous(_))));
        assert_eq!(
            lookup(&all, "zz").unwrap_err().to_string(),
            "unable to find network with name or ID zz: network not found"
        );
    }
}
