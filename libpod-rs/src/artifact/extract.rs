//! `artifact extract`: an artifact's files to a file or a directory, as
//! podman's: into a directory each file under its title (or its digest
//! with `-` for `:` when it has none), into a file only one blob (the
//! only one, or the one `--digest` or `--title` picks). A title holding
//! `/` is refused rather than made safe: no file lands outside the target.

use std::path::{Path, PathBuf};

use fs_err as fs;

use super::{io_err, Artifact, Error, Layout};
use crate::digest::Digest;
use crate::store::LockMode;

/// Which blob `--digest` or `--title` picks.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// `--digest`: the blob's full digest (`sha256:...`).
    pub digest: String,
    /// `--title`: the blob's title annotation.
    pub title: String,
}

impl Filter {
    fn is_set(&self) -> bool {
        !self.digest.is_empty() || !self.title.is_empty()
    }
}

/// The file name a blob gets: its title, else its digest (`sha256-...`).
pub fn blob_name(title: &str, digest: &Digest) -> Result<String, Error> {
    let name = if title.is_empty() {
        digest.to_string().replace(':', "-")
    } else {
        title.to_string()
    };
    if name.contains('/') {
        return Err(Error::BlobTitleInvalid(name));
    }
    Ok(name)
}

/// The one blob `filter` picks in `artifact`.
pub fn find_blob(artifact: &Artifact, filter: &Filter) -> Result<Digest, Error> {
    let mut found: Option<Digest> = None;
    for l in &artifact.manifest.layers {
        if filter.digest == l.digest.to_string() {
            if found.is_some() {
                return Err(Error::SeveralWithDigest(filter.digest.clone()));
            }
            found = Some(l.digest.clone());
        }
        if !filter.title.is_empty() && l.title() == Some(filter.title.as_str()) {
            if found.is_some() {
                return Err(Error::SeveralWithTitle(filter.title.clone()));
            }
            found = Some(l.digest.clone());
        }
    }
    found.ok_or_else(|| {
        if filter.title.is_empty() {
            Error::NoBlobWithDigest(filter.digest.clone())
        } else {
            Error::NoBlobWithTitle(filter.title.clone())
        }
    })
}

/// What to copy where: (blob, destination file).
fn plan(
    artifact: &Artifact,
    target: &Path,
    filter: &Filter,
) -> Result<Vec<(Digest, PathBuf)>, Error> {
    if filter.is_set() && !filter.digest.is_empty() && !filter.title.is_empty() {
        return Err(Error::DigestAndTitle);
    }
    let layers = &artifact.manifest.layers;
    if layers.is_empty() {
        return Err(Error::NoBlobs);
    }
    let is_dir = match fs::metadata(target) {
        Ok(m) => m.is_dir(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(io_err("inspecting", target)(e)),
    };
    if !is_dir {
        let digest = if layers.len() > 1 {
            if !filter.is_set() {
                return Err(Error::SeveralBlobsToFile(target.display().to_string()));
            }
            find_blob(artifact, filter)?
        } else {
            layers[0].digest.clone()
        };
        return Ok(vec![(digest, target.to_path_buf())]);
    }
    if filter.is_set() {
        let digest = find_blob(artifact, filter)?;
        let name = blob_name(&filter.title, &digest)?;
        return Ok(vec![(digest, target.join(name))]);
    }
    layers
        .iter()
        .map(|l| {
            let name = blob_name(l.title().unwrap_or(""), &l.digest)?;
            Ok((l.digest.clone(), target.join(name)))
        })
        .collect()
}

/// The files an artifact mount binds (podman's BlobMountPaths): (blob
/// path in the store, file name), all of them or the one `filter` picks.
pub fn mount_files(
    layout: &Layout,
    name_or_digest: &str,
    filter: &Filter,
) -> Result<Vec<(PathBuf, String)>, Error> {
    if !filter.digest.is_empty() && !filter.title.is_empty() {
        return Err(Error::DigestAndTitle);
    }
    let _lock = layout.lock(LockMode::Shared)?;
    let artifact = layout.find_locked(name_or_digest)?;
    if artifact.manifest.layers.is_empty() {
        return Err(Error::NoBlobs);
    }
    if filter.is_set() {
        let digest = find_blob(&artifact, filter)?;
        let name = blob_name(&filter.title, &digest)?;
        return Ok(vec![(layout.blob_path(&digest), name)]);
    }
    let mut out: Vec<(PathBuf, String)> = Vec::new();
    for l in &artifact.manifest.layers {
        let title = l
            .annotations
            .get(super::ANNOTATION_TITLE)
            .cloned()
            .unwrap_or_default();
        if out.iter().any(|(_, n)| *n == title) {
            return Err(Error::TitleInSeveralLayers(title));
        }
        let name = blob_name(&title, &l.digest)?;
        out.push((layout.blob_path(&l.digest), name));
    }
    Ok(out)
}

/// Extracts the artifact `name_or_digest` to `target`.
pub fn extract(
    layout: &Layout,
    name_or_digest: &str,
    target: &Path,
    filter: &Filter,
) -> Result<(), Error> {
    if !filter.digest.is_empty() && !filter.title.is_empty() {
        return Err(Error::DigestAndTitle);
    }
    let _lock = layout.lock(LockMode::Shared)?;
    let artifact = layout.find_locked(name_or_digest)?;
    // Every name is checked before the first file is written.
    for (digest, dest) in plan(&artifact, target, filter)? {
        let src = layout.blob_path(&digest);
        let mut from = fs::File::open(&src).map_err(io_err("opening", &src))?;
        // A new file gets the umask's mode, not the blob's, as podman's.
        let mut to = fs::File::create(&dest).map_err(io_err("creating", &dest))?;
        std::io::copy(&mut from, &mut to).map_err(io_err("writing", &dest))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_with_a_slash_is_refused_and_no_title_gives_the_digest() {
        let d = Digest::sha256_of(b"x");
        assert!(matches!(
            blob_name("../../etc/passwd", &d),
            Err(Error::BlobTitleInvalid(_))
        ));
        assert_eq!(blob_name("", &d).unwrap(), format!("sha256-{}", d.hex()));
        assert_eq!(blob_name("a.txt", &d).unwrap(), "a.txt");
    }
}
