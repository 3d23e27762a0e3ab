//! The `rpod` binary: parses arguments, calls libpod, prints. No logic and
//! no syscalls live here; everything else is in the `libpod` crate.
#![forbid(unsafe_code)]

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
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, &argv),
    };
    init_logging(&cli.log_level);
    finish(commands::dispatch(cli))
}

/// Reports a command-line mistake as podman does: `Error: unknown flag:
/// --bogus`, then `See 'rpod run --help'`, exit 125 (clap's own would be
/// exit 2). Help and version go to stdout with exit 0.
fn usage_error(e: &clap::Error, argv: &[String]) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.first().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // `rpod` or `rpod image` alone: the help, then podman's error.
            eprint!("{}", e.render());
            let cmd = command_path_of(argv);
            output::eprintln(&format!("Error: missing command '{cmd} COMMAND'"));
            return ExitCode::from(libpod::error::EXIT_RPOD);
        }
        _ => {}
    }
    let rendered = e.render().to_string();
    let cmd = command_path_of(argv);
    let flag = |arg: &str| -> String {
        let word = arg.split_whitespace().next().unwrap_or(arg);
        let word = word.split('=').next().unwrap_or(word);
        match word.strip_prefix('-') {
            Some(short) if !short.starts_with('-') => format!("'{short}' in {word}"),
            _ => word.to_string(),
        }
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = ctx(ContextKind::InvalidArg);
            if arg.starts_with("--") {
                format!("unknown flag: {}", flag(&arg))
            } else {
                format!("unknown shorthand flag: {}", flag(&arg))
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand);
            // podman (cobra) reads the flags first: `rpod bad --invalid`
            // reports the flag.
            match argv
                .iter()
                .skip_while(|a| **a != sub)
                .find(|a| a.starts_with("--") && a.len() > 2)
            {
                Some(bad) => format!("unknown flag: {}", flag(bad)),
                None => {
                    output::eprintln(&format!(
                        "Error: unrecognized command `{cmd} {sub}`\nTry '{cmd} --help' for more information"
                    ));
                    return ExitCode::from(libpod::error::EXIT_RPOD);
                }
            }
        }
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => {
            format!(
                "flag needs an argument: {}",
                flag(&ctx(ContextKind::InvalidArg))
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<&str> = rendered
                .lines()
                .skip(1)
                .map(str::trim)
                .take_while(|l| !l.is_empty())
                .collect();
            format!("missing required argument: {}", missing.join(" "))
        }
        _ => rendered
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches("error: ")
            .to_string(),
    };
    output::eprintln(&format!("Error: {message}\nSee '{cmd} --help'"));
    ExitCode::from(libpod::error::EXIT_RPOD)
}

/// The verb path the arguments name (`rpod`, `rpod run`, `rpod image ls`),
/// for "See 'rpod run --help'".
fn command_path_of(argv: &[String]) -> String {
    use clap::CommandFactory;
    let mut cmd = cli::Cli::command();
    let mut path = vec!["rpod".to_string()];
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        if let Some(name) = a.strip_prefix("--") {
            // A global option's value is not a verb (`--root DIR run`).
            let takes_value = !name.contains('=')
                && cmd
                    .get_arguments()
                    .any(|o| o.get_long() == Some(name) && o.get_action().takes_values());
            if takes_value {
                args.next();
            }
            continue;
        }
        if a.starts_with('-') {
            continue;
        }
        match cmd.find_subcommand(a) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                let sub = sub.clone();
                cmd = sub;
            }
            None => break,
        }
    }
    path.join(" ")
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
