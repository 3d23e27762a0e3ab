//! Kubernetes YAML in and out: [`parse`] reads a multi-document stream into
//! rpod's typed subset ([`model`]); [`play`] plans what `kube play` creates
//! (pure, [`crate::spec::ContainerSpec`]s per pod); [`generate`] writes
//! `kube generate`'s YAML from what the engine gathers about containers.
//! The engine's `kube` glue does the I/O.

mod emit;
pub mod generate;
pub mod model;
pub mod parse;
pub mod play;

#[cfg(test)]
mod tests;

pub use model::{Document, Object, Workload, WorkloadKind};
pub use parse::{parse, ParseError};
pub use play::{plan, Plan, PlanError, PlayOptions, PodPlan, VolumePlan};
