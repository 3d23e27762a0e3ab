//! `import`: a root file system tarball (as `export` writes it) becomes a
//! one-layer image. The tarball is the layer as it is, so its diff id is
//! its own digest (as podman's import keeps it); the config is the given
//! one, with the history podman writes (`ADD file:<diff id> in /`).

use std::io::{self, Read, Write};

use chrono::Utc;
use serde_json::{json, Value};

use super::Error;
use crate::image::author::{self, Format, History, NewImage};
use crate::image::ImageRecord;
use crate::layer::{self, Compression};
use crate::registry::manifest::Platform;
use crate::store::Store;

/// What the new image gets.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The config's `config` section (with `--change`s applied).
    pub config: Value,
    /// `--message`: the history entry's comment.
    pub message: Option<String>,
    /// Full names for the image (may be empty).
    pub names: Vec<String>,
    /// The image's platform (`--os`, `--arch`, `--variant`).
    pub platform: Platform,
    /// Whether the layer is unpacked in a user namespace.
    pub rootless: bool,
}

/// Makes an image of the uncompressed tar stream `tar` (hold `gc` shared).
pub fn import(
    store: &Store,
    tar: &mut dyn Read,
    opts: &ImportOptions,
) -> Result<ImageRecord, Error> {
    let layer = author::store_layer(
        store,
        Compression::Gzip,
        opts.rootless,
        |w: &mut dyn Write| {
            let copied = crate::image::blobs::copy(tar, w);
            copied.map(drop).map_err(|e| match e.kind() {
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => {
                    layer::Error::Stream(e)
                }
                _ => layer::Error::Stream(io::Error::new(
                    e.kind(),
                    format!("reading the tarball: {e}"),
                )),
            })
        },
    )?;
    let now = Utc::now();
    let mut config = json!({
        "architecture": opts.platform.architecture,
        "os": opts.platform.os,
        "config": opts.config,
        "rootfs": {"type": "layers", "diff_ids": []},
        "history": [],
    });
    if let Some(v) = &opts.platform.variant {
        config["variant"] = json!(v);
    }
    let comment = opts
        .message
        .clone()
        .unwrap_or_else(|| "imported from tarball".to_string());
    author::add_step(
        &mut config,
        now,
        &History {
            created_by: format!("/bin/sh -c #(nop) ADD file:{} in /", layer.diff_id.hex()),
            comment,
            ..History::default()
        },
        Some(&layer.diff_id),
    );
    Ok(author::write_image(
        store,
        NewImage {
            config,
            parent_layers: Vec::new(),
            layers: vec![layer],
            names: opts.names.clone(),
            format: Format::Oci,
            annotations: Default::default(),
        },
    )?)
}
