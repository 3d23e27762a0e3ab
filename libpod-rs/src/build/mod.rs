//! Building images from a Containerfile/Dockerfile: parsing (`parse`,
//! `instructions`), BuildKit's variable expansion (`shell`), build
//! arguments and their scopes (`args`), the build context and its ignore
//! file (`context`, `ignore`), the plan of stages and steps with their
//! cache keys (`plan`), and the cache index in the store (`cache`).
//!
//! Nothing here runs a container: a RUN step goes through a
//! [`StepRunner`](executor::StepRunner), which the runtime implements;
//! COPY and ADD make their layers directly.

pub mod args;
pub mod cache;
pub mod change;
pub mod context;
pub mod copy;
pub mod executor;
pub mod ignore;
pub mod instructions;
pub mod parse;
pub mod plan;
pub mod shell;
