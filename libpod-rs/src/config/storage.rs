//! The storage driver settings: containers-storage's `storage.conf`
//! (`[storage] driver`, `[storage.options.overlay] mount_program`) and
//! podman's global `--storage-driver` and `--storage-opt` flags, which
//! override it.
//!
//! As in containers/storage only one storage.conf is read:
//! `$CONTAINERS_STORAGE_CONF`, else (rootless) the user's
//! `$XDG_CONFIG_HOME/containers/storage.conf`, else the system's
//! `/etc/containers/storage.conf`, else the vendor's
//! `/usr/share/containers/storage.conf`. Keys rpod does not use (graphroot,
//! runroot, mountopt, ...) are ignored, but every key containers-storage
//! knows must have its type (as containers-storage refuses `driver = 1`), and
//! a file that does not parse fails every command, as in podman.

use std::path::{Path, PathBuf};

use super::file::{ConfigFile, Type};
use super::{Error, Paths};
use crate::userfile::{self, CONFIG_FILE};

/// The keys of containers-storage's storage.conf, with their types.
const SCHEMA: &[(&str, Type)] = &[
    ("storage", Type::Table),
    ("storage.driver", Type::Str),
    ("storage.driver_priority", Type::Strings),
    ("storage.runroot", Type::Str),
    ("storage.imagestore", Type::Str),
    ("storage.graphroot", Type::Str),
    ("storage.rootless_storage_path", Type::Str),
    ("storage.transient_store", Type::Bool),
    ("storage.options", Type::Table),
    ("storage.options.additionalimagestores", Type::Strings),
    ("storage.options.additionallayerstores", Type::Strings),
    ("storage.options.size", Type::Str),
    ("storage.options.ignore_chown_errors", Type::Str),
    ("storage.options.use_composefs", Type::Str),
    ("storage.options.root-auto-userns-user", Type::Str),
    ("storage.options.auto-userns-min-size", Type::Int),
    ("storage.options.auto-userns-max-size", Type::Int),
    ("storage.options.skip_mount_home", Type::Str),
    ("storage.options.mount_program", Type::Str),
    ("storage.options.mountopt", Type::Str),
    ("storage.options.pull_options", Type::Table),
    ("storage.options.disable-volatile", Type::Bool),
    ("storage.options.overlay", Type::Table),
    ("storage.options.overlay.ignore_chown_errors", Type::Str),
    ("storage.options.overlay.mountopt", Type::Str),
    ("storage.options.overlay.mount_program", Type::Str),
    ("storage.options.overlay.size", Type::Str),
    ("storage.options.overlay.inodes", Type::Str),
    ("storage.options.overlay.skip_mount_home", Type::Str),
    ("storage.options.overlay.use_composefs", Type::Str),
    ("storage.options.overlay.force_mask", Type::Str),
    ("storage.options.vfs", Type::Table),
    ("storage.options.vfs.ignore_chown_errors", Type::Str),
    ("storage.options.btrfs", Type::Table),
    ("storage.options.btrfs.min_space", Type::Str),
    ("storage.options.btrfs.size", Type::Str),
    ("storage.options.zfs", Type::Table),
    ("storage.options.zfs.mountopt", Type::Str),
    ("storage.options.zfs.fsname", Type::Str),
    ("storage.options.zfs.size", Type::Str),
];

/// How container root file systems are stored (in records: `overlay`,
/// `vfs`; an empty string in older records is overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Driver {
    /// An overlay of the image's layers with a private upper directory
    /// (native overlayfs, or fuse-overlayfs as its mount program).
    #[default]
    #[serde(alias = "")]
    Overlay,
    /// A full copy of the image's layers per container.
    Vfs,
}

impl Driver {
    /// The driver's name, as podman prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Driver::Overlay => "overlay",
            Driver::Vfs => "vfs",
        }
    }

    /// Parses a driver name (`overlay2` is an alias of `overlay`); `what`
    /// says where the name came from, for the error.
    pub fn parse(name: &str, what: &str) -> Result<Driver, Error> {
        match name {
            "overlay" | "overlay2" => Ok(Driver::Overlay),
            "vfs" => Ok(Driver::Vfs),
            other => Err(Error::Storage(format!(
                "{what}: storage driver {other:?} is not supported by rpod: use overlay or vfs"
            ))),
        }
    }
}

impl std::fmt::Display for Driver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The resolved storage settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StorageConf {
    /// The driver to use.
    pub driver: Driver,
    /// overlay's mount program (fuse-overlayfs), when one is forced;
    /// `None` lets rpod use native overlay and fall back by itself.
    pub mount_program: Option<PathBuf>,
    /// The storage.conf that applies (it may not exist).
    pub config_file: PathBuf,
    /// containers-storage's own root (`rootless_storage_path` rootless,
    /// else `graphroot`), when storage.conf names one: where buildah and
    /// podman keep their containers (`ps --external`).
    pub graphroot: Option<PathBuf>,
    /// The driver options other than the mount program, as
    /// containers-storage lists them (`overlay.imagestore=/srv/images`):
    /// `--storage-opt` values, else storage.conf's `additionalimagestores`
    /// (each as `DRIVER.imagestore=PATH`). `info` reports them.
    pub graph_options: Vec<(String, String)>,
}

impl StorageConf {
    /// The additional image stores (`*.imagestore` and
    /// `additionalimagestore` options, each a comma-separated list), in order.
    pub fn additional_image_stores(&self) -> Vec<PathBuf> {
        self.graph_options
            .iter()
            .filter(|(k, _)| {
                let k = k.to_ascii_lowercase();
                k.ends_with("imagestore")
            })
            .flat_map(|(_, v)| v.split(',').filter(|s| !s.is_empty()).map(PathBuf::from))
            .collect()
    }
}

/// Checks an additional image store as containers-storage's overlay
/// driver does: each of its comma-separated paths absolute and a directory.
fn check_image_stores(value: &str) -> Result<(), Error> {
    for store in value.split(',').filter(|_| !value.is_empty()) {
        let path = Path::new(store);
        if !path.is_absolute() {
            return Err(Error::Storage(format!(
                "overlay: image path {store:?} is not absolute.  Can not be relative"
            )));
        }
        match fs_err::metadata(path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Error::Storage(format!(
                    "overlay: image path {store:?} must be a directory"
                )))
            }
            Err(e) => {
                let why = crate::sys::os_code(&e).map_or_else(
                    || crate::sys::os_text(&e),
                    |c| super::errno_text(nix::errno::Errno::from_raw(c)),
                );
                return Err(Error::Storage(format!(
                    "overlay: can't stat imageStore dir {store}: stat {store}: {why}"
                )));
            }
        }
    }
    Ok(())
}

impl StorageConf {
    /// The storage.conf file that applies for this user (see the module
    /// doc); a candidate that cannot be checked (a symlink loop, no
    /// permission) is an error, not a missing file.
    pub fn file(paths: &Paths, rootless: bool) -> Result<PathBuf, Error> {
        if let Some(p) = &paths.storage_conf {
            return Ok(p.clone());
        }
        let user = paths.user_config_dir().join("storage.conf");
        let system = paths.system_dir.join("storage.conf");
        let vendor = paths.vendor_dir.join("storage.conf");
        Ok(if rootless && userfile::exists(&user, CONFIG_FILE)? {
            user
        } else if userfile::exists(&system, CONFIG_FILE)? {
            system
        } else if userfile::exists(&vendor, CONFIG_FILE)? {
            vendor
        } else if rootless {
            user
        } else {
            system
        })
    }

    /// Reads storage.conf, then applies `--storage-driver` (`driver`) and
    /// `--storage-opt` values (`opts`; when any is given, storage.conf's
    /// options are not used, as in podman).
    pub fn load(
        paths: &Paths,
        rootless: bool,
        driver: Option<&str>,
        opts: &[String],
    ) -> Result<StorageConf, Error> {
        let file = Self::file(paths, rootless)?;
        let mut conf = StorageConf {
            config_file: file.clone(),
            ..StorageConf::default()
        };
        if let Some(doc) = ConfigFile::read(&file)? {
            doc.check(SCHEMA)?;
            let root = doc.root();
            let text = |key: &str| -> Result<Option<String>, Error> {
                Ok(root.str(key)?.filter(|s| !s.is_empty()).map(str::to_string))
            };
            // containers-storage's warning (it reads the file before
            // podman's flags, so --storage-driver does not silence it).
            let priority = root.strings("storage.driver_priority")?.unwrap_or_default();
            if text("storage.driver")?.is_none() && priority.is_empty() {
                tracing::warn!(
                    "The storage 'driver' option should be set in {}. A driver was picked automatically.",
                    file.display()
                );
            }
            let own = if rootless {
                text("storage.rootless_storage_path")?
            } else {
                None
            };
            conf.graphroot = own.or(text("storage.graphroot")?).map(PathBuf::from);
            // --storage-driver replaces it, whatever it says.
            if let (None, Some(d)) = (driver, text("storage.driver")?) {
                conf.driver = Driver::parse(&d, &file.display().to_string())?;
            }
            if opts.is_empty() {
                // The overlay table wins over the older top-level key.
                conf.mount_program = text("storage.options.overlay.mount_program")?
                    .or(text("storage.options.mount_program")?)
                    .map(PathBuf::from);
                // containers-storage names them after the file's driver.
                let driver = text("storage.driver")?.unwrap_or_default();
                for store in root
                    .strings("storage.options.additionalimagestores")?
                    .unwrap_or_default()
                {
                    check_image_stores(&store)?;
                    conf.graph_options
                        .push((format!("{driver}.imagestore"), store));
                }
            }
        }
        if let Some(d) = driver {
            conf.driver = Driver::parse(d, "--storage-driver")?;
        }
        for opt in opts.iter().filter(|o| !o.is_empty()) {
            let (key, value) = opt.split_once('=').ok_or_else(|| {
                Error::Storage(format!(
                    "--storage-opt {opt:?}: expected KEY=VALUE, e.g. overlay.mount_program=/usr/bin/fuse-overlayfs"
                ))
            })?;
            let key = key.trim().to_ascii_lowercase();
            let name = ["overlay.", "overlay2.", "."]
                .iter()
                .find_map(|p| key.strip_prefix(p))
                .unwrap_or(&key);
            match name {
                "mount_program" => {
                    conf.mount_program =
                        (!value.trim().is_empty()).then(|| PathBuf::from(value.trim()));
                }
                "imagestore" | "additionalimagestore" => {
                    check_image_stores(value)?;
                    // podman reports the key as given.
                    let raw = opt.split_once('=').map_or("", |(k, _)| k.trim());
                    conf.graph_options
                        .push((raw.to_string(), value.to_string()));
                }
                _ => {
                    return Err(Error::Storage(format!(
                        "--storage-opt {opt:?}: unknown storage option; rpod understands overlay.mount_program=PATH and overlay.imagestore=PATH"
                    )))
                }
            }
        }
        Ok(conf)
    }
}

/// Finds a program given as a path or a bare name (searched in `$PATH`, then
/// the usual system directories); `None` when it is not there.
pub fn find_program(program: &Path) -> Option<PathBuf> {
    if program.components().count() > 1 {
        return program.is_file().then(|| program.to_path_buf());
    }
    let path = std::env::var("PATH").unwrap_or_default();
    let found = path
        .split(':')
        .filter(|d| !d.is_empty())
        .chain(["/usr/local/bin", "/usr/bin", "/bin"])
        .map(|d| Path::new(d).join(program))
        .find(|p| p.is_file());
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> (tempfile::TempDir, Paths) {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path(), 1000);
        (dir, paths)
    }

    #[test]
    fn defaults_to_native_overlay() {
        let (_d, paths) = paths();
        let conf = StorageConf::load(&paths, true, None, &[]).unwrap();
        assert_eq!(conf.driver, Driver::Overlay);
        assert_eq!(conf.mount_program, None);
        assert_eq!(
            conf.config_file,
            paths.user_config_dir().join("storage.conf")
        );
    }

    #[test]
    fn reads_driver_and_mount_program_and_flags_win() {
        let (_d, paths) = paths();
        fs_err::create_dir_all(&paths.system_dir).unwrap();
        fs_err::write(
            paths.system_dir.join("storage.conf"),
            "[storage]\ndriver = \"vfs\"\ngraphroot = \"/x\"\n[storage.options]\nmount_program = \"/old\"\n[storage.options.overlay]\nmount_program = \"/usr/bin/fuse-overlayfs\"\nmountopt = \"nodev\"\n",
        )
        .unwrap();
        let conf = StorageConf::load(&paths, true, None, &[]).unwrap();
        assert_eq!(conf.config_file, paths.system_dir.join("storage.conf"));
        assert_eq!(conf.driver, Driver::Vfs);
        assert_eq!(
            conf.mount_program.as_deref(),
            Some(Path::new("/usr/bin/fuse-overlayfs"))
        );
        let conf = StorageConf::load(&paths, true, Some("overlay"), &["".into()]).unwrap();
        assert_eq!(conf.driver, Driver::Overlay);
        assert_eq!(conf.mount_program, None, "--storage-opt drops the file's");
        let conf = StorageConf::load(
            &paths,
            true,
            None,
            &["overlay.mount_program=/opt/fo".into()],
        )
        .unwrap();
        assert_eq!(conf.mount_program.as_deref(), Some(Path::new("/opt/fo")));
        // The user's file, when there is one, is the only one read.
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(
            paths.user_config_dir().join("storage.conf"),
            "[storage]\ndriver = \"overlay\"\n",
        )
        .unwrap();
        let conf = StorageConf::load(&paths, true, None, &[]).unwrap();
        assert_eq!((conf.driver, conf.mount_program), (Driver::Overlay, None));
        let conf = StorageConf::load(&paths, false, None, &[]).unwrap();
        assert_eq!(conf.driver, Driver::Vfs, "root reads the system file");
    }

    #[test]
    fn additional_image_stores_are_graph_options() {
        let (dir, paths) = paths();
        let store = dir.path().join("images");
        fs_err::create_dir_all(&store).unwrap();
        let s = store.display().to_string();
        let opts = [format!("overlay.imagestore={s}"), format!("imagestore={s}")];
        let conf = StorageConf::load(&paths, true, None, &opts).unwrap();
        assert_eq!(
            conf.graph_options,
            [
                ("overlay.imagestore".to_string(), s.clone()),
                ("imagestore".to_string(), s.clone())
            ]
        );
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        fs_err::write(
            paths.user_config_dir().join("storage.conf"),
            format!("[storage]\ndriver = \"vfs\"\n[storage.options]\nadditionalimagestores = [\"{s}\"]\n"),
        )
        .unwrap();
        let conf = StorageConf::load(&paths, true, None, &[]).unwrap();
        assert_eq!(
            conf.graph_options,
            [("vfs.imagestore".to_string(), s.clone())]
        );
        let file = store.join("file");
        fs_err::write(&file, "").unwrap();
        for (bad, why) in [
            ("overlay.imagestore=rel".to_string(), "is not absolute"),
            (
                format!("overlay.imagestore={}", file.display()),
                "must be a directory",
            ),
            (
                format!("overlay.imagestore={s}/none"),
                "no such file or directory",
            ),
        ] {
            let e = StorageConf::load(&paths, true, None, std::slice::from_ref(&bad)).unwrap_err();
            assert!(e.to_string().contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn bad_values_say_what_to_do() {
        let (_d, paths) = paths();
        let e = StorageConf::load(&paths, true, Some("btrfs"), &[]).unwrap_err();
        assert!(e.to_string().contains("use overlay or vfs"), "{e}");
        let e = StorageConf::load(&paths, true, None, &["overlay.size=1G".into()]).unwrap_err();
        assert!(e.to_string().contains("overlay.mount_program"), "{e}");
        let e = StorageConf::load(&paths, true, None, &["nokey".into()]).unwrap_err();
        assert!(e.to_string().contains("KEY=VALUE"), "{e}");
    }

    #[test]
    fn wrong_types_and_unreadable_files_are_errors() {
        let (_d, paths) = paths();
        fs_err::create_dir_all(paths.user_config_dir()).unwrap();
        let file = paths.user_config_dir().join("storage.conf");
        for (text, key) in [
            (
                "[storage]\ndriver = 1\n",
                "storage.driver must be a string, not an integer",
            ),
            (
                "[storage.options.overlay]\nmount_program = true\n",
                "storage.options.overlay.mount_program must be a string, not a boolean",
            ),
            (
                "[storage]\ntransient_store = \"yes\"\n",
                "storage.transient_store must be true or false",
            ),
            ("storage = 3\n", "storage must be a table"),
        ] {
            fs_err::write(&file, text).unwrap();
            let e = StorageConf::load(&paths, true, None, &[])
                .unwrap_err()
                .to_string();
            assert!(e.contains(key) && e.contains("storage.conf"), "{text}: {e}");
        }
        // Unknown keys are other tools' business.
        fs_err::write(&file, "[storage]\ndriver = \"vfs\"\nbogus = 3\n").unwrap();
        assert_eq!(
            StorageConf::load(&paths, true, None, &[]).unwrap().driver,
            Driver::Vfs
        );
        // A symlink loop is not "no file" (which would fall back to the system's).
        fs_err::remove_file(&file).unwrap();
        fs_err::os::unix::fs::symlink("loop", &file).unwrap();
        fs_err::os::unix::fs::symlink("storage.conf", paths.user_config_dir().join("loop"))
            .unwrap();
        let e = StorageConf::load(&paths, true, None, &[])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("storage.conf") && e.contains("symbolic links"),
            "{e}"
        );
    }

    #[test]
    fn finds_programs() {
        assert_eq!(
            find_program(Path::new("/bin/sh")),
            Some(PathBuf::from("/bin/sh"))
        );
        assert!(find_program(Path::new("sh")).is_some());
        assert_eq!(find_program(Path::new("/no/such/program")), None);
        assert_eq!(find_program(Path::new("no-such-program-rpod")), None);
    }
}
