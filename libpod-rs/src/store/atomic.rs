//! Atomic file replacement: the only way rpod writes state.
//!
//! A record is written to a temporary file beside its target and renamed
//! over it, so a reader, or a process killed at any moment, sees the old
//! content or the new one, never a torn file (crun `status.c`; youki
//! truncates in place, which we avoid). [`write_atomic`] also syncs file and
//! directory, for records that must survive a power loss (the image index,
//! auth.json); [`replace`] skips the syncs, for content-addressed files that
//! a synced record only refers to afterwards (blobs, layer metadata): fsync
//! costs 5 to 30 ms each on ordinary disks, and rename alone already makes
//! them safe against killed processes.

use std::io::Write;
use std::path::Path;

use fs_err as fs;

/// Replaces `path` with `bytes` atomically (temp file, fsync, rename, dir fsync).
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    write(path, bytes, mode, true)
}

/// Replaces `path` with `bytes` atomically against kills (temp file, rename), without syncing.
pub fn replace(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    write(path, bytes, mode, false)
}

fn write(path: &Path, bytes: &[u8], mode: u32, durable: bool) -> std::io::Result<()> {
    use fs_err::os::unix::fs::OpenOptionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(mode)
            .open(&tmp)?;
        file.write_all(bytes)?;
        if durable {
            file.sync_all()?;
        }
        drop(file);
        fs::rename(&tmp, path)?;
        if durable {
            fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomic(&path, b"one", 0o600).unwrap();
        write_atomic(&path, b"two", 0o600).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["state.json"]);
    }
}
