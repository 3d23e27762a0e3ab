//! rpod's end-to-end tests: one binary, a module per area. Each test drives the
//! built `rpod` as an unprivileged user against a real loopback registry with
//! fixture images built in code (see harness.rs, registry.rs, fixtures.rs).

#[macro_use]
#[allow(dead_code)]
mod harness;
mod fixtures;
#[allow(dead_code)]
mod registry;

mod selftest;
