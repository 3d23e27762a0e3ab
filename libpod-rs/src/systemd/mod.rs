//! systemd integration: unit-file parsing/writing ([`unit`]) and the Quadlet
//! generator that turns `.container`/`.volume`/`.network` files into services ([`quadlet`]),
//! and `generate systemd`'s units for existing containers ([`generate`]).

pub mod generate;
pub mod notify;
pub mod quadlet;
pub mod unit;

pub use quadlet::{
    default_dirs, generate, generate_unit, run_generator, write_units, Generated, GeneratorReport,
    QuadletError, QuadletOptions, Symlink,
};
