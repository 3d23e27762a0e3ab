//! `libpod`: everything rpod does, without the CLI.
//!
//! The `rpod` binary parses arguments, calls [`Engine`] and prints what it
//! returns. This crate never prints (the print lints below are denied): it
//! returns values, and reports progress through the callbacks its callers
//! pass in. docs/architecture.md gives each module's concern, the intended
//! order of imports between them, and where the tree still departs from it.
//!
//! `unsafe` is denied everywhere but in [`sys`], the one syscall layer.
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(unsafe_code)]

pub mod artifact;
pub mod build;
pub mod cgroups;
pub mod complete;
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
pub mod units;
pub mod userfile;
pub mod userns;
pub mod volume;

pub use engine::Engine;
pub use error::{Error, Result};
pub use oci_spec;

#[cfg(test)]
mod layout_doc {
    /// docs/architecture.md's module table names exactly the modules above.
    #[test]
    fn the_module_table_matches_the_tree() {
        let doc = include_str!("../../docs/architecture.md");
        let lib = include_str!("lib.rs");
        let mut declared: Vec<&str> = lib
            .lines()
            .filter_map(|l| l.strip_prefix("pub mod "))
            .map(|l| l.trim_end_matches(';'))
            .collect();
        let mut documented: Vec<&str> = doc
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        declared.sort_unstable();
        documented.sort_unstable();
        assert_eq!(
            declared, documented,
            "docs/architecture.md's table against lib.rs"
        );
    }
}
