//! COPY and ADD without a container: what the sources select is copied
//! into a staging directory laid out like the root (`staging/app/x` for
//! `/app/x`), which then becomes the step's layer. Directories that already
//! exist below keep their mode and owner; new files get the `--chown`
//! owner (root by default) and `--chmod` mode, keep their times, and are
//! read from the context in place. ADD unpacks local tar archives (plain,
//! gzip, zstd) with the layer unpacker, and fetches URLs.
//!
//! [`LayerView`] answers "what is at this path" for a stage's layers
//! without assembling them: each layer's directory is looked at from the
//! top, stopping at a whiteout or an opaque directory.

use fs_err::File;
use std::ffi::OsStr;
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use super::context::{Context, ContextError, Kind, Selected};
use crate::layer;

/// Errors of a COPY/ADD.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    /// Reading the context.
    #[error(transparent)]
    Context(#[from] ContextError),
    /// Writing the staging directory.
    #[error("{action} {path}: {}", crate::sys::os_text(source))]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// Bad use (several sources to a file, a bad --chown ...).
    #[error("{0}")]
    Invalid(String),
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> CopyError + 'a {
    move |source| CopyError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// What is at a path in a stage's layers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where it is on disk (in one layer's directory).
    pub path: PathBuf,
    /// Whether it is a directory.
    pub is_dir: bool,
    /// Its permission bits.
    pub mode: u32,
    /// Its owner.
    pub uid: u32,
    /// Its group.
    pub gid: u32,
}

/// A stage's root file system as the stack of its unpacked layers.
#[derive(Debug, Clone)]
pub struct LayerView {
    /// Layer directories, bottom first.
    pub layers: Vec<PathBuf>,
}

impl LayerView {
    /// What is at `path` (absolute in the image), following no symlinks.
    pub fn lookup(&self, path: &str) -> Option<Found> {
        let rel: PathBuf = Path::new(path)
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect();
        if rel.as_os_str().is_empty() {
            return self.layers.last().map(|l| Found {
                path: l.clone(),
                is_dir: true,
                mode: 0o755,
                uid: 0,
                gid: 0,
            });
        }
        'layers: for layer in self.layers.iter().rev() {
            // A whiteout or opaque directory on the way hides the layers below.
            let mut cur = layer.clone();
            let comps: Vec<&OsStr> = rel.iter().collect();
            for (i, c) in comps.iter().enumerate() {
                cur.push(c);
                let Ok(m) = fs_err::symlink_metadata(&cur) else {
                    continue 'layers;
                };
                let ft = m.file_type();
                if std::os::unix::fs::FileTypeExt::is_char_device(&ft) && m.rdev() == 0 {
                    return None;
                }
                let last = i + 1 == comps.len();
                if last {
                    return Some(Found {
                        path: cur,
                        is_dir: ft.is_dir(),
                        mode: m.permissions().mode() & 0o7777,
                        uid: m.uid(),
                        gid: m.gid(),
                    });
                }
                if !ft.is_dir() {
                    // A file or link where a directory is needed: stop here.
                    return None;
                }
                let opaque = ["user.overlay.opaque", "trusted.overlay.opaque"]
                    .iter()
                    .any(|x| crate::sys::lgetxattr(&cur, x).is_ok_and(|v| v == b"y"));
                if opaque && !last {
                    // Lower layers are hidden below here; keep looking in this one only.
                    let rest: PathBuf = comps[i + 1..].iter().collect();
                    let deeper = cur.join(&rest);
                    return fs_err::symlink_metadata(&deeper).ok().map(|m| Found {
                        path: deeper,
                        is_dir: m.is_dir(),
                        mode: m.permissions().mode() & 0o7777,
                        uid: m.uid(),
                        gid: m.gid(),
                    });
                }
            }
        }
        None
    }

    /// Reads a small file (`/etc/passwd`) of the stage.
    pub fn read(&self, path: &str) -> Option<String> {
        let f = self.lookup(path)?;
        if f.is_dir {
            return None;
        }
        fs_err::read_to_string(f.path).ok()
    }
}

/// Resolves `--chown USER[:GROUP]` (names looked up in the stage's
/// /etc/passwd and /etc/group) to ids.
pub fn resolve_chown(spec: &str, view: &LayerView) -> Result<(u32, u32), CopyError> {
    let (user, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let lookup = |file: &str, name: &str, field: usize| -> Option<(u32, Option<u32>)> {
        let text = view.read(file)?;
        text.lines().find_map(|l| {
            let parts: Vec<&str> = l.split(':').collect();
            (parts.first() == Some(&name)).then(|| {
                (
                    parts.get(field).and_then(|v| v.parse().ok()).unwrap_or(0),
                    parts.get(3).and_then(|v| v.parse().ok()),
                )
            })
        })
    };
    let (uid, primary) = match user.parse::<u32>() {
        Ok(n) => (n, None),
        Err(_) => lookup("/etc/passwd", user, 2).ok_or_else(|| {
            CopyError::Invalid(format!(
                "--chown={spec}: no user {user:?} in the image's /etc/passwd"
            ))
        })?,
    };
    let gid = match group {
        None => primary.unwrap_or(uid),
        Some(g) => match g.parse::<u32>() {
            Ok(n) => n,
            Err(_) => lookup("/etc/group", g, 2)
                .map(|(id, _)| id)
                .ok_or_else(|| {
                    CopyError::Invalid(format!(
                        "--chown={spec}: no group {g:?} in the image's /etc/group"
                    ))
                })?,
        },
    };
    Ok((uid, gid))
}

/// Parses `--chmod` (octal).
pub fn parse_chmod(s: &str) -> Result<u32, CopyError> {
    u32::from_str_radix(s, 8)
        .ok()
        .filter(|m| *m <= 0o7777)
        .ok_or_else(|| {
            CopyError::Invalid(format!("--chmod={s}: expected an octal mode such as 0755"))
        })
}

/// One COPY/ADD into a staging directory.
pub struct Job<'a> {
    /// Where the sources are read from.
    pub context: &'a Context,
    /// The selected paths, per source, in order.
    pub selected: Vec<Selected>,
    /// Here-document sources: (file name, content).
    pub inline: Vec<(String, Vec<u8>)>,
    /// Downloaded ADD sources: (file name, local file, mtime).
    pub fetched: Vec<(String, PathBuf, i64)>,
    /// The destination, absolute in the image.
    pub dest: String,
    /// Whether the destination is a directory (`/`-terminated, several sources, a directory source).
    pub dest_is_dir: bool,
    /// Owner of what is copied.
    pub owner: (u32, u32),
    /// `--chmod`.
    pub chmod: Option<u32>,
    /// ADD: unpack local archives.
    pub unpack: bool,
    /// The stage's layers (existing directories keep their metadata).
    pub view: &'a LayerView,
    /// Whether rpod runs rootless (opaque xattr name when unpacking).
    pub rootless: bool,
    /// Files copied so far by (inode, device): a second name of one is a hardlink.
    pub links: std::cell::RefCell<std::collections::HashMap<(u64, u64), PathBuf>>,
}

fn rel_of(path: &str) -> PathBuf {
    Path::new(path)
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect()
}

/// Makes `dir` (relative to `staging`) and its parents, each with the
/// metadata it has below, or root's 0755 when new.
fn ensure_dirs(
    staging: &Path,
    dir: &Path,
    view: &LayerView,
    owner_new: (u32, u32),
) -> Result<(), CopyError> {
    let mut cur = PathBuf::new();
    for c in dir.components() {
        cur.push(c);
        let at = staging.join(&cur);
        if at.is_dir() {
            continue;
        }
        fs_err::create_dir(&at).map_err(io_err("creating", &at))?;
        let (mode, uid, gid) = match view.lookup(&format!("/{}", cur.display())) {
            Some(f) if f.is_dir => (f.mode, f.uid, f.gid),
            _ => (0o755, owner_new.0, owner_new.1),
        };
        set_meta(&at, mode, (uid, gid), None)?;
    }
    Ok(())
}

fn set_meta(
    path: &Path,
    mode: u32,
    owner: (u32, u32),
    mtime: Option<(i64, i64)>,
) -> Result<(), CopyError> {
    fs_err::os::unix::fs::lchown(path, Some(owner.0), Some(owner.1))
        .map_err(io_err("setting the owner of", path))?;
    let is_link = fs_err::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        fs_err::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(io_err("setting the mode of", path))?;
    }
    if let Some((s, ns)) = mtime {
        let t = nix::sys::time::TimeSpec::new(s, ns);
        nix::sys::stat::utimensat(
            None,
            path,
            &t,
            &t,
            nix::sys::stat::UtimensatFlags::NoFollowSymlink,
        )
        .map_err(|e| io_err("setting the time of", path)(e.into()))?;
    }
    Ok(())
}

/// Copies one context entry (file, symlink, or a directory's tree) to `to`.
fn copy_entry(job: &Job<'_>, from: &str, to: &Path) -> Result<(), CopyError> {
    let Some(e) = job.context.entry(from) else {
        return Ok(());
    };
    let mode = |m: u32| job.chmod.unwrap_or(m);
    match &e.kind {
        Kind::Dir => {
            if !to.is_dir() {
                fs_err::create_dir(to).map_err(io_err("creating", to))?;
            }
            for (rel, child) in job.context.under(from) {
                let src = if from.is_empty() {
                    rel.to_string()
                } else {
                    format!("{from}/{rel}")
                };
                let dst = to.join(rel);
                match &child.kind {
                    Kind::Dir => {
                        if !dst.is_dir() {
                            fs_err::create_dir(&dst).map_err(io_err("creating", &dst))?;
                        }
                    }
                    Kind::Other => continue,
                    _ => copy_entry(job, &src, &dst)?,
                }
            }
            // Directories last, so their times stay what they were.
            for (rel, child) in job.context.under(from) {
                if child.kind == Kind::Dir {
                    set_meta(
                        &to.join(rel),
                        mode(child.mode),
                        job.owner,
                        Some(child.mtime),
                    )?;
                }
            }
            set_meta(to, mode(e.mode), job.owner, Some(e.mtime))?;
        }
        Kind::File => {
            let _ = fs_err::remove_file(to);
            // Names of one file in the context stay names of one file.
            let first = job.links.borrow().get(&e.ino).cloned();
            if let Some(first) = first {
                if fs_err::hard_link(&first, to).is_ok() {
                    return Ok(());
                }
            }
            job.links.borrow_mut().insert(e.ino, to.to_path_buf());
            let mut src = job.context.open_file(from)?;
            // std's File, so that io::copy uses copy_file_range (reflinks).
            let mut dst = File::create(to)
                .map_err(io_err("creating", to))?
                .into_file();
            io::copy(&mut src, &mut dst).map_err(io_err("writing", to))?;
            drop(dst);
            set_meta(to, mode(e.mode), job.owner, Some(e.mtime))?;
        }
        Kind::Symlink(target) => {
            let _ = fs_err::remove_file(to);
            fs_err::os::unix::fs::symlink(target, to).map_err(io_err("creating", to))?;
            set_meta(to, 0o777, job.owner, Some(e.mtime))?;
        }
        Kind::Other => {}
    }
    Ok(())
}

/// Whether a file starts like a tar archive ADD unpacks (gzip, zstd, xz,
/// bzip2, or a plain tar with its `ustar` magic).
fn archive_compression(path: &Path) -> Option<layer::ArchiveCompression> {
    let mut head = vec![0u8; 512];
    let n = File::open(path).and_then(|mut f| f.read(&mut head)).ok()?;
    head.truncate(n);
    match layer::ArchiveCompression::sniff(&head) {
        c if c.is_compressed() => Some(c),
        c if n >= 262 && &head[257..262] == b"ustar" => Some(c),
        _ => None,
    }
}

/// Runs the job: fills `staging` (an empty directory).
pub fn stage(job: &Job<'_>, staging: &Path) -> Result<(), CopyError> {
    let dest_rel = rel_of(&job.dest);
    let count = job.selected.len() + job.inline.len() + job.fetched.len();
    if count > 1 && !job.dest_is_dir {
        return Err(CopyError::Invalid(format!(
            "when using COPY or ADD with more than one source file, the destination must be a directory and end with a /: {}",
            job.dest
        )));
    }
    let target_for = |name: &str| -> (PathBuf, PathBuf) {
        // (parent directory, full path) relative to staging.
        if job.dest_is_dir {
            (dest_rel.clone(), dest_rel.join(name))
        } else {
            (
                dest_rel.parent().map(Path::to_path_buf).unwrap_or_default(),
                dest_rel.clone(),
            )
        }
    };
    for s in &job.selected {
        if s.is_dir {
            ensure_dirs(staging, &dest_rel, job.view, job.owner)?;
            copy_entry(job, &s.path, &staging.join(&dest_rel))?;
            continue;
        }
        let name = Path::new(&s.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if name.is_empty() {
            s.name.clone()
        } else {
            name
        };
        let (parent, full) = target_for(&name);
        if job.unpack {
            let on_disk = job.context.root().join(&s.path);
            if let Some(c) = archive_compression(&on_disk) {
                ensure_dirs(staging, &dest_rel, job.view, job.owner)?;
                let f = job.context.open_file(&s.path)?;
                let reader = layer::decompress_archive(io::BufReader::new(f), c)
                    .map_err(|e| CopyError::Invalid(e.to_string()))?;
                let into = staging.join(&dest_rel);
                layer::unpack(
                    reader,
                    &into,
                    &layer::UnpackOptions {
                        rootless: job.rootless,
                    },
                )
                .map_err(|e| {
                    CopyError::Invalid(format!("ADD {}: unpacking the archive: {e}", s.path))
                })?;
                continue;
            }
        }
        ensure_dirs(staging, &parent, job.view, job.owner)?;
        copy_entry(job, &s.path, &staging.join(full))?;
    }
    for (name, content) in &job.inline {
        let (parent, full) = target_for(name);
        ensure_dirs(staging, &parent, job.view, job.owner)?;
        let to = staging.join(full);
        fs_err::write(&to, content).map_err(io_err("writing", &to))?;
        set_meta(&to, job.chmod.unwrap_or(0o644), job.owner, None)?;
    }
    for (name, file, mtime) in &job.fetched {
        let (parent, full) = target_for(name);
        ensure_dirs(staging, &parent, job.view, job.owner)?;
        let to = staging.join(full);
        fs_err::copy(file, &to).map_err(io_err("writing", &to))?;
        set_meta(
            &to,
            job.chmod.unwrap_or(0o600),
            job.owner,
            Some((*mtime, 0)),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::ignore::Ignore;

    fn me() -> (u32, u32) {
        (
            nix::unistd::getuid().as_raw(),
            nix::unistd::getgid().as_raw(),
        )
    }

    #[test]
    fn files_dirs_globs_and_inline() {
        let d = tempfile::tempdir().unwrap();
        let ctx_dir = d.path().join("ctx");
        fs_err::create_dir_all(ctx_dir.join("src/sub")).unwrap();
        fs_err::write(ctx_dir.join("src/a.js"), "a").unwrap();
        fs_err::write(ctx_dir.join("src/sub/b.js"), "b").unwrap();
        fs_err::write(ctx_dir.join("package.json"), "{}").unwrap();
        fs_err::write(ctx_dir.join("package-lock.json"), "{}").unwrap();
        fs_err::hard_link(ctx_dir.join("src/a.js"), ctx_dir.join("src/sub/a-again.js")).unwrap();
        let ctx = Context::open(&ctx_dir, &Ignore::default()).unwrap();
        let base = d.path().join("base");
        fs_err::create_dir_all(base.join("app")).unwrap();
        fs_err::set_permissions(base.join("app"), std::fs::Permissions::from_mode(0o700)).unwrap();
        let view = LayerView {
            layers: vec![base.clone()],
        };
        let run = |selected: Vec<Selected>, dest: &str, dir: bool, chmod: Option<u32>| {
            let staging = tempfile::tempdir().unwrap();
            let job = Job {
                context: &ctx,
                selected,
                inline: vec![("note.txt".into(), b"hello".to_vec())],
                fetched: vec![],
                dest: dest.into(),
                dest_is_dir: dir,
                owner: me(),
                chmod,
                unpack: false,
                view: &view,
                rootless: false,
                links: Default::default(),
            };
            stage(&job, staging.path()).map(|()| staging)
        };
        let s = run(ctx.select("package*.json").unwrap(), "/app/", true, None).unwrap();
        assert!(s.path().join("app/package.json").is_file());
        assert!(s.path().join("app/package-lock.json").is_file());
        assert_eq!(
            fs_err::read(s.path().join("app/note.txt")).unwrap(),
            b"hello"
        );
        // The existing /app keeps its mode.
        let m = fs_err::metadata(s.path().join("app")).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o700);
        // A directory's contents go into the destination, with --chmod.
        let s = run(ctx.select("src").unwrap(), "/srv/www/", true, Some(0o750)).unwrap();
        assert!(s.path().join("srv/www/sub/b.js").is_file());
        let ino = |p: &str| fs_err::metadata(s.path().join(p)).unwrap().ino();
        assert_eq!(
            ino("srv/www/a.js"),
            ino("srv/www/sub/a-again.js"),
            "a hardlink became two files"
        );
        assert!(!s.path().join("srv/www/src").exists());
        let m = fs_err::metadata(s.path().join("srv/www/a.js")).unwrap();
        assert_eq!(m.permissions().mode() & 0o777, 0o750);
        assert_eq!(
            fs_err::metadata(s.path().join("srv"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o755
        );
        // Several sources need a directory destination.
        let e = run(ctx.select("package*.json").unwrap(), "/file", false, None).unwrap_err();
        assert!(e.to_string().contains("must be a directory"), "{e}");
    }

    #[test]
    fn add_unpacks_local_archives() {
        let d = tempfile::tempdir().unwrap();
        let ctx_dir = d.path().join("ctx");
        fs_err::create_dir_all(&ctx_dir).unwrap();
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_cksum();
        b.append_data(&mut h, "sub/f", &b"abc"[..]).unwrap();
        let tar = b.into_inner().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut gz, &tar).unwrap();
        fs_err::write(ctx_dir.join("a.tar.gz"), gz.finish().unwrap()).unwrap();
        // The rootfs.tar.xz of base images' Dockerfiles.
        let mut b = tar::Builder::new(Vec::new());
        let mut h = tar::Header::new_gnu();
        h.set_size(2);
        h.set_mode(0o755);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(0);
        h.set_cksum();
        b.append_data(&mut h, "bin/xz-tool", &b"#!"[..]).unwrap();
        let mut xz = xz2::write::XzEncoder::new(Vec::new(), 1);
        io::Write::write_all(&mut xz, &b.into_inner().unwrap()).unwrap();
        fs_err::write(ctx_dir.join("rootfs.tar.xz"), xz.finish().unwrap()).unwrap();
        fs_err::write(ctx_dir.join("plain.txt"), "not an archive").unwrap();
        let ctx = Context::open(&ctx_dir, &Ignore::default()).unwrap();
        let view = LayerView { layers: vec![] };
        let staging = tempfile::tempdir().unwrap();
        let mut selected = ctx.select("a.tar.gz").unwrap();
        selected.extend(ctx.select("rootfs.tar.xz").unwrap());
        selected.extend(ctx.select("plain.txt").unwrap());
        let job = Job {
            context: &ctx,
            selected,
            inline: vec![],
            fetched: vec![],
            dest: "/opt/".into(),
            dest_is_dir: true,
            owner: me(),
            chmod: None,
            unpack: true,
            view: &view,
            rootless: false,
            links: Default::default(),
        };
        stage(&job, staging.path()).unwrap();
        assert_eq!(
            fs_err::read(staging.path().join("opt/sub/f")).unwrap(),
            b"abc"
        );
        assert!(staging.path().join("opt/plain.txt").is_file());
        assert!(!staging.path().join("opt/a.tar.gz").exists());
        assert_eq!(
            fs_err::read(staging.path().join("opt/bin/xz-tool")).unwrap(),
            b"#!"
        );
        assert!(!staging.path().join("opt/rootfs.tar.xz").exists());
    }

    #[test]
    fn the_layer_view_honours_whiteouts_and_names() {
        let d = tempfile::tempdir().unwrap();
        let lower = d.path().join("l");
        let upper = d.path().join("u");
        fs_err::create_dir_all(lower.join("etc")).unwrap();
        fs_err::create_dir_all(upper.join("etc")).unwrap();
        fs_err::write(
            lower.join("etc/passwd"),
            "root:x:0:0::/:/bin/sh\napp:x:1000:1001::/app:/bin/sh\n",
        )
        .unwrap();
        fs_err::write(lower.join("etc/group"), "root:x:0:\nstaff:x:50:\n").unwrap();
        fs_err::write(upper.join("etc/motd"), "hi").unwrap();
        let view = LayerView {
            layers: vec![lower, upper],
        };
        assert!(view.lookup("/etc").unwrap().is_dir);
        assert_eq!(view.read("/etc/motd").as_deref(), Some("hi"));
        assert_eq!(resolve_chown("app", &view).unwrap(), (1000, 1001));
        assert_eq!(resolve_chown("app:staff", &view).unwrap(), (1000, 50));
        assert_eq!(resolve_chown("7:8", &view).unwrap(), (7, 8));
        assert!(resolve_chown("nobody", &view).is_err());
        assert_eq!(parse_chmod("0755").unwrap(), 0o755);
        assert!(parse_chmod("9").is_err());
        assert!(view.lookup("/nope").is_none());
    }
}
