//! The `rpod` binary: parses arguments, calls libpod, prints. No logic and
//! no syscalls live here; everything else is in the `libpod` crate.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod docs;
mod help;
mod logging;
mod output;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

/// The `--module` values before the verb (`--module X`, `--module=X`),
/// read before the command line is parsed.
fn early_modules(root: &clap::Command, argv: &[String]) -> Vec<String> {
    let takes_value = |w: &str| {
        root.get_arguments().any(|a| {
            let named = match w.strip_prefix("--") {
                Some(long) => a.get_long() == Some(long),
                None => w.len() == 2 && a.get_short() == w.chars().nth(1),
            };
            named && a.get_action().takes_values()
        })
    };
    let mut out = Vec::new();
    let mut words = argv.iter().skip(1);
    while let Some(w) = words.next() {
        if w == "--module" {
            out.extend(words.next().cloned());
        } else if let Some(v) = w.strip_prefix("--module=") {
            out.push(v.to_string());
        } else if !w.starts_with('-') {
            break;
        } else if !w.contains('=') && takes_value(w) {
            words.next();
        }
    }
    out
}

/// The files of `--module`s, each checked to read as TOML.
fn resolve_modules(names: &[String]) -> Result<Vec<std::path::PathBuf>, String> {
    let paths = libpod::config::Paths::from_env();
    let mut out = Vec::new();
    for name in names {
        let file = paths.resolve_module(name)?;
        libpod::config::ContainersConf::check_module(&file).map_err(|e| {
            format!(
                "reading additional config {:?}: {e}",
                file.display().to_string()
            )
        })?;
        out.push(file);
    }
    Ok(out)
}

/// An option's value may begin with `-` (`--format '--{{.Names}}--'`,
/// `logs --since -1s`): podman's flag parser (pflag) takes the word after
/// an option that needs a value as that value, whatever it looks like.
/// So for every option of one value, given without `=` being required, of
/// the commands whose name (or alias) is among the words of `argv`: only
/// those can parse them, and changing every command's options costs ~0.7 ms
/// on every invocation.
fn hyphen_values(mut cmd: clap::Command, argv: &[String]) -> clap::Command {
    let single: Vec<clap::Id> = cmd
        .get_arguments()
        .filter(|a| !a.is_positional() && a.get_action().takes_values())
        .filter(|a| !a.is_require_equals_set())
        .filter(|a| {
            a.get_num_args()
                .is_none_or(|n| n.min_values() == 1 && n.max_values() == 1)
        })
        .map(|a| a.get_id().clone())
        .collect();
    for id in single {
        cmd = cmd.mut_arg(id, |a| a.allow_hyphen_values(true));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| {
            argv.iter()
                .any(|w| w == s.get_name() || s.get_all_aliases().any(|a| a == w))
        })
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| hyphen_values(s, argv));
    }
    cmd
}

/// podman's `--help` shows containers.conf's values as the defaults of the
/// flags that take them: so does rpod's (read only when help is printed).
fn conf_defaults_for_help(cmd: clap::Command) -> clap::Command {
    let Ok(conf) = libpod::config::ContainersConf::load(&libpod::config::Paths::from_env()) else {
        return cmd;
    };
    // clap takes static defaults; this process prints help and exits.
    let format: &'static str = Box::leak(conf.compression_format().unwrap_or("gzip").into());
    let level = conf
        .compression_level()
        .map(|l| -> &'static str { Box::leak(l.to_string().into_boxed_str()) });
    cmd.mut_subcommand("push", |push| {
        let push = push.mut_arg("compression_format", |a| a.default_value(format));
        match level {
            Some(l) => push.mut_arg("compression_level", |a| a.default_value(l)),
            None => push,
        }
    })
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    // Installed as a systemd generator, the binary is called by that name.
    if let Some(args) = argv
        .first()
        .and_then(|a0| commands::quadlet::generator_args(a0, &argv[1..]))
    {
        return finish(commands::quadlet::run(args));
    }
    // `rpod quadlet` alone: podman's help and error for a verb missing
    // (the generator needs an output directory or --dryrun anyway).
    if argv.len() > 1
        && argv.last().is_some_and(|a| a == "quadlet")
        && command_path_of(&argv).ends_with(" quadlet")
    {
        print_help(&argv, true);
        let cmd = command_path_of(&argv);
        output::eprintln(&format!("Error: missing command '{cmd} COMMAND'"));
        return ExitCode::from(libpod::error::EXIT_RPOD);
    }
    // cobra's hidden completion commands take the command line as words.
    if let Some(which) = argv
        .get(1)
        .filter(|a| commands::complete::COMMANDS.contains(&a.as_str()))
    {
        let descriptions = which == commands::complete::COMMANDS[0];
        return ExitCode::from(commands::complete::run(&argv[2..], descriptions));
    }
    // clap builds the whole command tree (~1 ms for rpod's): once.
    // podman reads its configuration, modules included, before the
    // command line's verb: a bad module fails any command (exit 1).
    let mut command = hyphen_values(cli::Cli::command(), &argv);
    if let Err(e) = resolve_modules(&early_modules(&command, &argv)) {
        output::eprintln(&format!("Failed to obtain podman configuration: {e}"));
        return ExitCode::from(1);
    }
    let parse_argv = end_options_at_command(&command, &argv);
    let matches = match command.try_get_matches_from_mut(&parse_argv) {
        Ok(m) => m,
        Err(e) => return usage_error(&e, &argv),
    };
    if let Some(conflict) = latest_conflict(&command, &matches) {
        output::eprintln(&format!("Error: {conflict}"));
        return ExitCode::from(libpod::error::EXIT_RPOD);
    }
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, &argv),
    };
    // The tree (about 2.5 MB of heap) is not needed past parsing: freed
    // now, it is not carried through a long-lived process (the monitor).
    drop(command);
    drop(parse_argv);
    let mut cli = cli;
    if cli.debug {
        // podman's words and exit code.
        if cli.log_level != "warn" {
            output::eprintln("Setting --log-level and --debug is not allowed");
            return ExitCode::from(1);
        }
        cli.log_level = "debug".into();
    }
    if !logging::LEVELS.contains(&cli.log_level.to_lowercase().as_str()) {
        // podman's words and exit code.
        output::eprintln(&format!(
            "Log Level {:?} is not supported, choose from: {}",
            cli.log_level,
            logging::LEVELS.join(", ")
        ));
        return ExitCode::from(1);
    }
    logging::init(&cli.log_level, &program_name(&argv), cli.syslog);
    if cli.noout || cli.out.is_some() {
        let target = if cli.noout {
            std::path::PathBuf::from("/dev/null")
        } else {
            cli.out.clone().unwrap_or_default()
        };
        if let Err(e) = libpod::sys::redirect_stdout(&target) {
            output::eprintln(&format!("Error: {e}"));
            return ExitCode::from(libpod::error::EXIT_RPOD);
        }
    }
    // podman's debug lines name the verb; finding it costs a command tree.
    let verb = if tracing::enabled!(tracing::Level::DEBUG) {
        let path = command_path_of(&argv);
        path.rsplit(' ').next().unwrap_or_default().to_string()
    } else {
        String::new()
    };
    tracing::trace!(
        "{} {} from {}",
        program_name(&argv),
        env!("CARGO_PKG_VERSION"),
        std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    );
    tracing::debug!("Called {verb}.PersistentPreRunE({})", argv.join(" "));
    let modules = match resolve_modules(&cli.module) {
        Ok(m) => m,
        Err(e) => {
            output::eprintln(&format!("Failed to obtain podman configuration: {e}"));
            return ExitCode::from(1);
        }
    };
    let result = commands::dispatch(cli, modules);
    // The command's engine (store handle, locks) has been dropped by now:
    // podman's words for its engines' shutdown, which scripts look for.
    tracing::debug!("Shutting down engines");
    tracing::debug!("Called {verb}.PersistentPostRunE({})", argv.join(" "));
    finish(result)
}

/// podman's check of `--latest` against `--all` and against names given
/// (`rm -l NAME`, `pod stop --all --latest`), made for every verb with a
/// `--latest` before anything runs: its words, or None. Verbs whose
/// arguments are not containers (`exec -l CMD`, `top -l DESCRIPTORS`,
/// `port -l PORT`) keep theirs.
fn latest_conflict(root: &clap::Command, matches: &clap::ArgMatches) -> Option<String> {
    use clap::parser::ValueSource;
    let mut cmd = root;
    let mut m = matches;
    let mut path = Vec::new();
    while let Some((name, sub)) = m.subcommand() {
        cmd = cmd.find_subcommand(name)?;
        path.push(name.to_string());
        m = sub;
    }
    let leaf = path.last()?;
    if matches!(
        leaf.as_str(),
        "exec" | "top" | "port" | "ps" | "ls" | "list"
    ) || path == ["pod", "stats"]
    {
        // `pod stats` checks --all, --latest and names in one message.
        return None;
    }
    let given = |id: &str| {
        cmd.get_arguments().any(|a| a.get_id() == id)
            && m.value_source(id) == Some(ValueSource::CommandLine)
    };
    if !given("latest") {
        return None;
    }
    if given("all") {
        return Some("--all and --latest cannot be used together".into());
    }
    let named = cmd
        .get_positionals()
        .any(|a| m.value_source(a.get_id().as_str()) == Some(ValueSource::CommandLine));
    // podman's shared inspect says "arguments".
    let what = if leaf == "inspect" {
        "arguments"
    } else if path.first().is_some_and(|p| p == "pod") {
        "pods"
    } else {
        "containers"
    };
    named.then(|| format!("--latest and {what} cannot be used together"))
}

/// The name the user ran rpod by (`rpod`; podman's cobra root uses
/// `basename(argv[0])` too).
fn program_name(argv: &[String]) -> String {
    argv.first()
        .map(|a| a.rsplit('/').next().unwrap_or(a).to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "rpod".into())
}

/// [`program_name`] of this process, for messages that name the command
/// as cobra does (`rpod quadlet X`).
pub(crate) fn this_program() -> String {
    program_name(&std::env::args().take(1).collect::<Vec<_>>())
}

/// Prints the podman-style help of the command `argv` names (`--help`,
/// `-h`, `help CMD`, or a noun without its verb).
fn print_help(argv: &[String], to_stdout: bool) {
    let mut root = conf_defaults_for_help(cli::Cli::command());
    root.build();
    let words: Vec<String> = command_path_of(argv)
        .split(' ')
        .skip(1)
        .map(str::to_string)
        .collect();
    let text = help::render(&root, &program_name(argv), &words);
    if to_stdout {
        output::print_raw(&text);
    } else {
        output::eprint(&text);
    }
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
        ErrorKind::DisplayHelp => {
            print_help(argv, true);
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayVersion => {
            output::println(&format!(
                "{} version {}",
                program_name(argv),
                env!("CARGO_PKG_VERSION")
            ));
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // `rpod` or `rpod image` alone: the help, then podman's error.
            print_help(argv, true);
            let cmd = command_path_of(argv);
            output::eprintln(&format!("Error: missing command '{cmd} COMMAND'"));
            return ExitCode::from(libpod::error::EXIT_RPOD);
        }
        _ => {}
    }
    // `rpod help --help`, `rpod image help -h`: the help command's own.
    if asks_help_of_help(argv) {
        output::print_raw(&help::help_command(&command_path_of(argv)));
        return ExitCode::SUCCESS;
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
        ErrorKind::UnknownArgument if !ctx(ContextKind::InvalidArg).starts_with('-') => {
            return too_many_args(&cmd, argv);
        }
        // A positional list with a maximum (`diff C1 C2`) given more.
        ErrorKind::TooManyValues if !ctx(ContextKind::InvalidArg).starts_with('-') => {
            return too_many_args(&cmd, argv);
        }
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
            // pflag names a shorthand as typed: `'h' in -h`.
            match argv.last().map(String::as_str) {
                Some(last) if last.len() == 2 && last.starts_with('-') && last != "--" => {
                    format!("flag needs an argument: '{}' in {last}", &last[1..])
                }
                _ => format!(
                    "flag needs an argument: {}",
                    flag(&ctx(ContextKind::InvalidArg))
                ),
            }
        }
        ErrorKind::InvalidValue => {
            // pflag's words for a choice flag (podman's `validate.Value`).
            let value = ctx(ContextKind::InvalidValue);
            let name = ctx(ContextKind::InvalidArg);
            let name = name.split([' ', '=']).next().unwrap_or_default();
            let choices: Vec<String> = match e.get(ContextKind::ValidValue) {
                Some(clap::error::ContextValue::Strings(v)) => v.clone(),
                _ => Vec::new(),
            };
            format!(
                "invalid argument {value:?} for {name:?} flag: {value:?} is not a valid value.  Choose from: {:?}",
                choices.join(", ")
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<&str> = rendered
                .lines()
                .skip(1)
                .map(str::trim)
                .take_while(|l| !l.is_empty())
                .collect();
            let flags: Vec<String> = missing
                .iter()
                .filter_map(|m| m.strip_prefix("--"))
                .map(|m| format!("{:?}", m.split([' ', '=']).next().unwrap_or(m)))
                .collect();
            if flags.is_empty() {
                // A missing argument: cobra's `MinimumNArgs` words.
                let (_, received) = positional_counts(argv);
                let required = required_positionals(argv);
                output::eprintln(&format!(
                    "Error: requires at least {required} arg(s), only received {received}"
                ));
                return ExitCode::from(libpod::error::EXIT_RPOD);
            } else {
                format!("required flag(s) {} not set", flags.join(", "))
            }
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

/// Whether `argv` is `help --help` (or `-h`) where `help` stands as a
/// command (`rpod help -h`, `rpod image help --help`).
fn asks_help_of_help(argv: &[String]) -> bool {
    verbs_of(argv).help_of_help
}

/// The command `argv` names, built (globals propagated).
fn command_of(argv: &[String]) -> clap::Command {
    let mut cmd = cli::Cli::command();
    cmd.build();
    for word in command_path_of(argv).split(' ').skip(1) {
        match cmd.find_subcommand(word) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    cmd
}

/// How many positional arguments the named command takes at most, and
/// how many `argv` gives it (words after the verb that are neither
/// options nor their values).
/// An argument too many, in cobra's words (podman prints no "See
/// --help" after these).
fn too_many_args(cmd: &str, argv: &[String]) -> ExitCode {
    let (max, received) = positional_counts(argv);
    output::eprintln(&if max == 0 {
        format!("Error: `{cmd}` takes no arguments")
    } else {
        format!("Error: accepts at most {max} arg(s), received {received}")
    });
    ExitCode::from(libpod::error::EXIT_RPOD)
}

fn positional_counts(argv: &[String]) -> (usize, usize) {
    let cmd = command_of(argv);
    let positionals: Vec<&clap::Arg> = cmd.get_positionals().collect();
    let max = positionals
        .iter()
        .map(|a| a.get_num_args().map_or(1, |r| r.max_values()))
        .fold(0usize, usize::saturating_add);
    let depth = command_path_of(argv).split(' ').count();
    let mut words = argv.iter().skip(1);
    let mut seen_verbs = 1;
    let mut received = 0;
    while let Some(a) = words.next() {
        if a == "--" {
            received += words.len();
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let takes = !long.contains('=')
                && cmd
                    .get_arguments()
                    .any(|o| o.get_long() == Some(long) && o.get_action().takes_values());
            if takes {
                words.next();
            }
            continue;
        }
        if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            let last = short.chars().last();
            let takes = short.len() == 1
                && cmd
                    .get_arguments()
                    .any(|o| o.get_short() == last && o.get_action().takes_values());
            if takes {
                words.next();
            }
            continue;
        }
        if seen_verbs < depth {
            seen_verbs += 1;
            continue;
        }
        received += 1;
    }
    (max, received)
}

/// How many positional arguments the named command requires.
fn required_positionals(argv: &[String]) -> usize {
    command_of(argv)
        .get_positionals()
        .filter(|a| a.is_required_set())
        .map(|a| a.get_num_args().map_or(1, |r| r.min_values().max(1)))
        .sum()
}

/// The verb path the arguments name (`rpod`, `rpod run`, `rpod image ls`),
/// for "See 'rpod run --help'".
fn command_path_of(argv: &[String]) -> String {
    verbs_of(argv).path.join(" ")
}

/// What the arguments name as commands: the verb path, program name first,
/// and whether the first `help` that stands as a command is followed by
/// `--help` or `-h`.
struct Verbs {
    path: Vec<String>,
    help_of_help: bool,
}

/// Walks `argv` down the command tree (global options and their values
/// skipped) to the [`Verbs`] it names.
fn verbs_of(argv: &[String]) -> Verbs {
    let mut cmd = cli::Cli::command();
    let mut verbs = Verbs {
        path: vec![program_name(argv)],
        help_of_help: false,
    };
    let mut seen_help = false;
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
        // `rpod help container ls` names `container ls`.
        if a == "help" && cmd.has_subcommands() {
            if !seen_help {
                seen_help = true;
                verbs.help_of_help = args.clone().any(|a| a == "--help" || a == "-h");
            }
            continue;
        }
        match cmd.find_subcommand(a) {
            Some(sub) => {
                verbs.path.push(sub.get_name().to_string());
                let sub = sub.clone();
                cmd = sub;
            }
            None => break,
        }
    }
    verbs
}

/// `argv` with `--` inserted where a command that runs a command line
/// (`run IMAGE CMD…`, `exec CTR CMD…`) reaches that command line: podman
/// stops reading flags at the first argument that is not one (cobra's
/// `SetInterspersed(false)`), so `run img sh -c x` never reads `-c` as
/// `--cpu-shares`. clap would take every flag it knows anywhere before
/// the command line's first word.
fn end_options_at_command(root: &clap::Command, argv: &[String]) -> Vec<String> {
    let mut argv = argv.to_vec();
    let mut cmd = root;
    let mut i = 1;
    // Find the leaf subcommand, skipping global options and their values.
    while i < argv.len() {
        if argv[i] == "--" {
            return argv;
        }
        if argv[i].starts_with('-') {
            if !bool_flag_value(cmd, root, &mut argv, i) {
                continue;
            }
            let a = &argv[i];
            let takes = option_takes_value(cmd, a) || option_takes_value(root, a);
            i += 1 + usize::from(takes);
            continue;
        }
        match cmd.find_subcommand(&argv[i]) {
            Some(sub) => {
                cmd = sub;
                i += 1;
            }
            None => break,
        }
    }
    if !cmd.is_trailing_var_arg_set() {
        // Flags may follow positionals here: their `=BOOL` too.
        while i < argv.len() && argv[i] != "--" {
            if argv[i].starts_with('-') && !bool_flag_value(cmd, root, &mut argv, i) {
                continue;
            }
            let a = &argv[i];
            let takes =
                a.starts_with('-') && (option_takes_value(cmd, a) || option_takes_value(root, a));
            i += 1 + usize::from(takes);
        }
        return argv;
    }
    // The positionals before the command line (IMAGE, CONTAINER).
    let leading = cmd.get_positionals().count().saturating_sub(1);
    while i < argv.len() {
        if argv[i] == "--" {
            return argv;
        }
        if argv[i].starts_with('-') && argv[i].len() > 1 {
            if !bool_flag_value(cmd, root, &mut argv, i) {
                continue;
            }
            // Global options (`--root DIR`) may follow the verb too.
            let a = &argv[i];
            let takes = option_takes_value(cmd, a) || option_takes_value(root, a);
            i += 1 + usize::from(takes);
            continue;
        }
        // podman reads no flag after the first positional.
        let at = if leading == 0 { i } else { i + 1 };
        if at >= argv.len() || argv[at] == "--" {
            return argv;
        }
        let mut out = argv[..at].to_vec();
        out.push("--".into());
        out.extend_from_slice(&argv[at..]);
        return out;
    }
    argv
}

/// pflag's `--flag=BOOL` and `-f=BOOL` for a boolean flag (`-t=false`,
/// `--rm=true`): rewritten in place for clap, whose boolean flags take no
/// value: `=true` (Go's ParseBool words) keeps the bare flag, `=false`
/// drops it. Returns false when the word was removed.
fn bool_flag_value(
    cmd: &clap::Command,
    root: &clap::Command,
    argv: &mut Vec<String>,
    i: usize,
) -> bool {
    let Some((flag, value)) = argv[i].split_once('=') else {
        return true;
    };
    let on = match value {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => true,
        "0" | "f" | "F" | "false" | "FALSE" | "False" => false,
        _ => return true,
    };
    let is_bool = |pick: &dyn Fn(&clap::Arg) -> bool| {
        [cmd, root].iter().any(|c| {
            c.get_arguments()
                .any(|o| pick(o) && matches!(o.get_action(), clap::ArgAction::SetTrue))
        })
    };
    let known = match flag.strip_prefix("--") {
        Some(long) => is_bool(&|o: &clap::Arg| {
            o.get_long() == Some(long) || o.get_all_aliases().is_some_and(|v| v.contains(&long))
        }),
        // A cluster of boolean shorts; the value is the last one's.
        None => {
            let shorts = &flag[1..];
            !shorts.is_empty()
                && shorts
                    .chars()
                    .all(|c| is_bool(&|o: &clap::Arg| o.get_short() == Some(c)))
        }
    };
    if !known {
        return true;
    }
    if on {
        argv[i] = flag.to_string();
        return true;
    }
    // Off: the long flag goes, or the cluster's last short.
    let rest = if flag.starts_with("--") {
        ""
    } else {
        &flag[..flag.len() - 1]
    };
    if rest.len() <= 1 {
        argv.remove(i);
        return false;
    }
    argv[i] = rest.to_string();
    true
}

/// Whether the option word `a` (`--name`, `--name=v`, `-abc`) of `cmd`
/// takes the next word as its value.
fn option_takes_value(cmd: &clap::Command, a: &str) -> bool {
    if let Some(long) = a.strip_prefix("--") {
        return !long.contains('=')
            && cmd.get_arguments().any(|o| {
                // `--tls-verify[=BOOL]`: a value only after `=`.
                o.get_action().takes_values()
                    && !o.is_require_equals_set()
                    && (o.get_long() == Some(long)
                        || o.get_all_aliases().is_some_and(|v| v.contains(&long)))
            });
    }
    // A cluster of short flags: the first that takes a value takes the
    // rest of the word, or the next word when it ends the cluster.
    let shorts: Vec<char> = a[1..].chars().collect();
    for (n, c) in shorts.iter().enumerate() {
        let takes = cmd.get_arguments().any(|o| {
            o.get_short() == Some(*c) && o.get_action().takes_values() && !o.is_require_equals_set()
        });
        if takes {
            return n + 1 == shorts.len();
        }
    }
    false
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

#[cfg(test)]
mod tests {
    use super::end_options_at_command;
    use clap::CommandFactory;

    fn split(line: &str) -> String {
        let argv: Vec<String> = std::iter::once("rpod")
            .chain(line.split(' '))
            .map(String::from)
            .collect();
        end_options_at_command(&crate::cli::Cli::command(), &argv)[1..].join(" ")
    }

    /// Flags stop at the command line, as podman's run and exec read them.
    #[test]
    fn the_command_line_after_the_image_is_never_read_as_flags() {
        for (given, want) in [
            ("run img sh -c x", "run img -- sh -c x"),
            ("run -c 5 img sh -c x", "run -c 5 img -- sh -c x"),
            (
                "run --cpu-shares=5 -m 1g img sh",
                "run --cpu-shares=5 -m 1g img -- sh",
            ),
            (
                "--root /r run --rm -e A=1 img -- sh",
                "--root /r run --rm -e A=1 img -- sh",
            ),
            (
                "--root /r run --rm -e A=1 img sh -c x",
                "--root /r run --rm -e A=1 img -- sh -c x",
            ),
            (
                "container run -it img sh -m",
                "container run -it img -- sh -m",
            ),
            ("exec -it ctr sh -c x", "exec -it -- ctr sh -c x"),
            ("exec -ti -e A=1 ctr ls -l", "exec -ti -e A=1 -- ctr ls -l"),
            ("run -m 1g img", "run -m 1g img"),
            (
                "run --tls-verify --http-proxy img sh -c x",
                "run --tls-verify --http-proxy img -- sh -c x",
            ),
            ("run img", "run img"),
            (
                "run --root /r -d img sh -c x",
                "run --root /r -d img -- sh -c x",
            ),
            ("run --rm img -e x", "run --rm img -- -e x"),
            ("ps -a", "ps -a"),
            ("rm -f x", "rm -f x"),
        ] {
            assert_eq!(split(given), want, "{given}");
        }
    }

    /// pflag's `=BOOL` on boolean flags: clap gets the bare flag or none.
    #[test]
    fn boolean_flags_take_equals_true_or_false() {
        for (given, want) in [
            ("run -t=false img sh", "run img -- sh"),
            ("run -t=true img sh", "run -t img -- sh"),
            ("run --tty=false --rm=true img sh", "run --rm img -- sh"),
            ("run -it=false img sh", "run -i img -- sh"),
            ("run -it=1 img sh", "run -it img -- sh"),
            ("run -t=maybe img", "run -t=maybe img"),
            ("run -e=A=false img", "run -e=A=false img"),
            ("run --name=false img", "run --name=false img"),
            ("run img sh -t=false", "run img -- sh -t=false"),
            ("ps --all=false", "ps"),
            ("rm x --force=true", "rm x --force"),
        ] {
            assert_eq!(split(given), want, "{given}");
        }
    }
}
