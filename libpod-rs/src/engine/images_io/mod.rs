//! The engine's image files: `save`, `load` and `import` (the formats live
//! in `image::archive`), and `push` (to a registry, or to a file or
//! directory transport). Outputs appear only when complete (a scratch file
//! or directory beside the destination, renamed at the end); inputs that
//! are streams (stdin, a URL) or compressed are spooled under the store's
//! `tmp/` first, since an archive's parts come in any order.

mod error;
mod load;
mod push;
mod save;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::image::archive;

pub use error::ImageIoError;
pub use push::PushRequest;

/// Where `save` writes.
pub enum SaveTarget<'a> {
    /// A stream (the CLI's stdout; an archive format).
    Stream(&'a mut dyn Write),
    /// A file or directory (`-o`), made complete or not at all.
    Path(PathBuf),
}

/// What `load` and `import` read.
#[derive(Debug, Clone)]
pub enum LoadSource {
    /// Standard input.
    Stdin,
    /// A file or directory.
    Path(PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
}

impl LoadSource {
    /// `-` is stdin, `http(s)://` a URL, anything else a path.
    pub fn parse(s: &str) -> LoadSource {
        if s == "-" || s == "/dev/stdin" {
            LoadSource::Stdin
        } else if s.starts_with("http://") || s.starts_with("https://") {
            LoadSource::Url(s.to_string())
        } else {
            LoadSource::Path(PathBuf::from(s))
        }
    }
}

/// The image transports of archives a container can be run from.
pub(crate) const ARCHIVE_TRANSPORTS: [&str; 2] = ["docker-archive:", "oci-archive:"];

/// Whether an image reference names an archive (`docker-archive:PATH`,
/// `oci-archive:PATH`), which `run` and `create` load first.
pub fn is_archive_reference(reference: &str) -> bool {
    ARCHIVE_TRANSPORTS.iter().any(|t| reference.starts_with(t))
}

/// Removes a scratch path (file or tree) when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = crate::layer::remove_tree(&self.0);
    }
}

fn io_err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> Error + 'a {
    move |source| {
        archive::Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
        .into()
    }
}

/// A sibling of `path` to write before renaming onto it.
fn sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.rpod-{}", std::process::id()))
}
