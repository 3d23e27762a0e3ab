//! `rpod events` (and `rpod system events`): print the events journal, as
//! podman 5 prints it, following it by default.

use clap::Args;
use libpod::events::{Backend, Event, Filters, ReadOptions};

use super::Globals;
use crate::output::{self, template::Template};

/// Arguments of `rpod events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// filter output
    #[arg(short = 'f', long = "filter", value_name = "FILTER")]
    pub filter: Vec<String>,
    /// format the output using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// stream events and do not exit when returning the last known event
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub stream: bool,
    /// show all events created since timestamp
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// do not truncate the output
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub no_trunc: bool,
    /// show all events until timestamp
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
}

/// How each event is printed.
enum Shape {
    Human { truncate: bool },
    Json,
    Template(Template),
}

impl Shape {
    fn line(&self, e: &Event) -> anyhow::Result<String> {
        Ok(match self {
            Shape::Human { truncate } => e.to_human(*truncate),
            Shape::Json => e.to_json_line(),
            Shape::Template(t) => {
                t.render_value(&output::template_value(&e.template_data(), "system.Event")?)?
            }
        })
    }
}

/// Runs `rpod events`.
pub fn run(g: &Globals, args: EventsArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let shape = match args.format.as_deref() {
        None => Shape::Human {
            truncate: !args.no_trunc,
        },
        Some(f) if matches!(f.trim(), "json" | "{{json .}}" | "{{ json . }}") => Shape::Json,
        Some(f) => Shape::Template(Template::for_value(f)?),
    };
    let filters = Filters::parse(
        &args.filter,
        args.since.as_deref(),
        args.until.as_deref(),
        std::time::SystemTime::now(),
    )?;
    let journal = engine.events_journal();
    if journal.backend() == Backend::Journald {
        output::warn(&format!(
            "rpod has no journald events backend: reading the events file {}",
            journal.path().display()
        ));
    }
    let opts = ReadOptions {
        filters,
        stream: args.stream,
    };
    let mut failed = None;
    engine.events(&opts, &mut |item| match item {
        Ok(e) => match shape.line(&e) {
            Ok(mut line) => {
                if !line.ends_with('\n') {
                    line.push('\n');
                }
                output::print_raw(&line);
                true
            }
            Err(err) => {
                failed = Some(err);
                false
            }
        },
        Err(msg) => {
            output::eprintln(&format!("ERRO[0000] Failed to read event: {msg}"));
            true
        }
    })?;
    match failed {
        Some(e) => Err(e),
        None => Ok(0),
    }
}

/// What a `--format` template sees of an event (shell completion of its fields).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    let e = Event::new(
        libpod::events::Type::Container,
        libpod::events::Status::Start,
    );
    crate::output::template::TValue::from(&e.template_data()).ok()
}
