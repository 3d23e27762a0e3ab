//! rpod's end-to-end tests: one binary, a module per area. Each test drives the
//! built `rpod` as an unprivileged user against a real loopback registry with
//! fixture images built in code (see harness.rs, registry.rs, fixtures.rs).
//!
//! `cargo test --test it` runs them. A missing prerequisite fails its test;
//! `RPOD_TEST_ALLOW_SKIP=1` (ignored under `CI`) makes it a skip instead.
//! The run ends with `it: N passed, N failed, N skipped` (report.rs).
//! `RPOD_TEST_KEEP=1` keeps each test's directory; `RPOD_TEST_USER` names
//! the unprivileged user (default rpodtest); `RPOD_TEST_BIN` runs the suite
//! against another binary.
//! `RPOD_NO_OPENAT2=1` runs every rpod with the resolver and mount code of
//! kernels without openat2 and the new mount API (as crun's
//! `check-no-openat2`).

// Test fixtures and checks use std::fs directly: a failing call fails the test.
#![allow(clippy::disallowed_methods)]

#[macro_use]
#[allow(dead_code)]
mod harness;
mod fixtures;
#[allow(dead_code)]
mod registry;
mod report;

mod artifact;
mod auth;
mod boundary;
mod build;
mod build_flags;
mod changes;
mod cli;
mod commit;
mod completion;
mod compose;
mod config_files;
mod containers;
mod contract;
mod cp;
mod crash;
mod docs;
mod events;
mod exec;
mod flag_audit;
mod fs_boundary;
mod generate;
mod headline;
mod health;
mod hooks;
mod hostile;
mod ids;
mod image_mounts;
mod images;
mod inspect_model;
mod kube;
mod layers;
mod limits;
mod namespaces;
mod network;
mod networks;
mod podman;
mod podman_flags;
mod pods;
mod pull;
mod pull_faults;
mod pull_tags;
mod push;
mod records;
mod resources;
mod rootful;
mod run;
mod run_flags;
mod save_load;
mod secrets;
mod security;
mod selftest;
mod sign;
mod stdio;
mod storage_drivers;
mod store;
mod system;
mod systemd;
mod templates;
mod token;
mod trust;
mod update;
mod volumes;
