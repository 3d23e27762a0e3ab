//! The `rpod` binary: parses arguments, calls libpod, prints.
fn main() {}
