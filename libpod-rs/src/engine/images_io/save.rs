//! `save`, and the writing of saved images that `push` to a file or
//! directory transport shares.

use fs_err::File;
use std::io::{self, Write};

use super::{io_err, sibling, ImageIoError, SaveTarget, Scratch};
use crate::engine::Engine;
use crate::error::Result;
use crate::events::Status;
use crate::image::archive::{self, save};
use crate::image::pull::PullReporter;
use crate::store::LockMode;

impl Engine {
    /// Saves images (`rpod save`): `inputs[0]` is an image; the others are
    /// more images with `multi` (`-m`), else more names for the first
    /// (podman's reading). An image given by name is saved with that name,
    /// one given by ID without any.
    pub fn save_images(
        &self,
        inputs: &[String],
        multi: bool,
        opts: save::SaveOptions,
        target: SaveTarget<'_>,
        reporter: &dyn PullReporter,
    ) -> Result<()> {
        let index = self.index()?;
        let search = self.registries.search_registries();
        let mut images: Vec<save::SaveImage> = Vec::new();
        let (first, rest) = inputs.split_first().ok_or(ImageIoError::NoImages)?;
        let mut add = |input: &str| -> Result<()> {
            let found = index.find(input, search)?;
            let record = index.images[found.index].clone();
            images.push(save::SaveImage {
                record,
                names: found.name.into_iter().collect(),
            });
            Ok(())
        };
        add(first)?;
        if multi {
            for i in rest {
                add(i)?;
            }
        } else {
            for tag in rest {
                let name = Engine::normalize_new_name(tag)?;
                if !images[0].names.contains(&name) {
                    images[0].names.push(name);
                }
            }
        }
        if opts.format.is_dir() && matches!(target, SaveTarget::Stream(_)) {
            return Err(ImageIoError::DirNeedsOutput.into());
        }
        // podman's save events name the output (a path; the image to stdout).
        let output = match &target {
            SaveTarget::Path(p) => Some(p.to_string_lossy().into_owned()),
            SaveTarget::Stream(_) => None,
        };
        self.write_saved(&images, &opts, target, reporter)?;
        for (image, input) in images.iter().zip(inputs) {
            self.event_image(
                Status::Save,
                &image.record.id,
                output.as_deref().unwrap_or(input),
            );
        }
        Ok(())
    }

    /// Writes saved images to `target` (`save`, and `push` to a file or
    /// directory transport).
    pub(super) fn write_saved(
        &self,
        images: &[save::SaveImage],
        opts: &save::SaveOptions,
        target: SaveTarget<'_>,
        reporter: &dyn PullReporter,
    ) -> Result<()> {
        // Layers hold subordinate ids: read them as root of rpod's namespace.
        self.enter_userns()?;
        let _gc = self.store.lock("gc", LockMode::Shared)?;
        match target {
            SaveTarget::Stream(w) => {
                let mut out = io::BufWriter::with_capacity(1 << 20, w);
                save::save(
                    &self.store,
                    images,
                    opts,
                    save::Dest::Stream(&mut out),
                    reporter,
                )?;
                out.flush().map_err(|source| archive::Error::Stream {
                    what: "writing the archive".into(),
                    source,
                })?;
            }
            SaveTarget::Path(path) => {
                let tmp = sibling(&path);
                let guard = Scratch(tmp.clone());
                if opts.format.is_dir() {
                    fs_err::create_dir(&tmp).map_err(io_err("creating", &tmp))?;
                    save::save(&self.store, images, opts, save::Dest::Dir(&tmp), reporter)?;
                    if path.is_dir() {
                        // podman refuses to mix two images in one directory.
                        fs_err::remove_dir(&path)
                            .map_err(crate::sys::without_path)
                            .map_err(|source| ImageIoError::DirNotEmpty {
                                path: path.clone(),
                                source,
                            })?;
                    }
                } else {
                    let file = File::create(&tmp).map_err(io_err("creating", &tmp))?;
                    let mut out = io::BufWriter::with_capacity(1 << 20, file);
                    save::save(
                        &self.store,
                        images,
                        opts,
                        save::Dest::Stream(&mut out),
                        reporter,
                    )?;
                    let file = out
                        .into_inner()
                        .map_err(|e| io_err("writing", &tmp)(e.into_error()))?;
                    file.sync_all().map_err(io_err("writing", &tmp))?;
                }
                fs_err::rename(&tmp, &path).map_err(io_err("renaming into place", &path))?;
                std::mem::forget(guard);
            }
        }
        Ok(())
    }
}
