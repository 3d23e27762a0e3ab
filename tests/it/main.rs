//! rpod's end-to-end tests: one binary, a module per area. Each test drives the
//! built `rpod` as an unprivileged user against a real loopback registry with
//! fixture images built in code (see harness.rs, registry.rs, fixtures.rs).
//!
//! `cargo test --test it` runs them; `CI=1` turns missing prerequisites into
//! failures; `RPOD_TEST_KEEP=1` keeps each test's directory; `RPOD_TEST_USER`
//! names the unprivileged user (default rpodtest).

#[macro_use]
#[allow(dead_code)]
mod harness;
mod fixtures;
#[allow(dead_code)]
mod registry;

mod auth;
mod config_files;
mod containers;
mod docs;
mod exec;
mod generate;
mod hostile;
mod images;
mod layers;
mod limits;
mod network;
mod podman;
mod pull;
mod pull_faults;
mod rootful;
mod run;
mod security;
mod selftest;
mod storage_drivers;
mod store;
mod system;
mod systemd;
mod trust;
mod volumes;
