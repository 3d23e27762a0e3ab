//! The `rpod` binary: parses arguments, calls libpod, prints. No logic and
//! no syscalls live here; everything else is in the `libpod` crate.

mod cli;
mod commands;
mod docs;
mod output;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    // Installed as a systemd generator, the binary is called by that name.
    if let Some(args) = argv
        .first()
        .and_then(|a0| commands::quadlet::generator_args(a0, &argv[1..]))
    {
        return finish(commands::quadlet::run(args));
    }
    let cli = cli::Cli::parse();
    init_logging(&cli.log_level);
    finish(commands::dispatch(cli))
}

fn init_logging(level: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(format!("libpod={level},rpod={level}"))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    if level == "debug" || level == "trace" {
        builder
            .with_timer(tracing_subscriber::fmt::time::uptime())
            .init();
    } else {
        builder.without_time().init();
    }
}

fn finish(result: anyhow::Result<u8>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let code = err
                .downcast_ref::<libpod::Error>()
                .map_or(libpod::error::EXIT_RPOD, libpod::Error::exit_code);
            output::print_error(&err);
            ExitCode::from(code)
        }
    }
}
