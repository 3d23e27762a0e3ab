//! `libpod`: everything rpod does, without the CLI.
//!
//! The `rpod` binary parses arguments, calls [`Engine`] and prints what it
//! returns. This crate never prints (the print lints below are denied): it
//! returns values, and reports progress through the callbacks its callers
//! pass in. Modules follow ../shared/DESIGN.md, one concern each; a module
//! only imports from its own level or from lower ones:
//! `digest, reference, userfile, config, sys` -> `store, layer, registry, userns` ->
//! `image, spec, runtime, network, cgroups, health` -> `container, volume, secret, monitor` ->
//! `systemd`, `compose` -> `engine`. `compose` (the compose file loader) is
//! pure and imports nothing else of the crate.
//!
//! `unsafe` is denied everywhere but in [`sys`], the one syscall layer.
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(unsafe_code)]

pub mod build;
pub mod cgroups;
pub mod compose;
pub mod config;
pub mod container;
pub mod digest;
pub mod engine;
pub mod error;
pub mod events;
pub mod health;
pub mod image;
pub mod kube;
pub mod layer;
pub mod monitor;
pub mod network;
pub mod pod;
pub mod reference;
pub mod registry;
pub mod runtime;
pub mod secret;
pub mod spec;
pub mod store;
pub mod sys;
pub mod systemd;
pub mod userfile;
pub mod userns;
pub mod volume;

pub use engine::Engine;
pub use error::{Error, Result};
pub use oci_spec;
