//! Log lines as podman prints them (logrus's text format):
//! `DEBU[0000] message`, the level in four letters and the seconds since
//! the start in brackets, on stderr.

use std::fmt;
use std::time::Instant;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// The levels `--log-level` accepts (podman's `common.LogLevels`).
pub const LEVELS: &[&str] = &[
    "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
];

/// logrus's layout.
struct Logrus {
    start: Instant,
}

impl<S, N> FormatEvent<S, N> for Logrus
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let level = match *event.metadata().level() {
            Level::TRACE => "TRAC",
            Level::DEBUG => "DEBU",
            Level::INFO => "INFO",
            Level::WARN => "WARN",
            Level::ERROR => "ERRO",
        };
        write!(writer, "{level}[{:04}] ", self.start.elapsed().as_secs())?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Sends libpod's and rpod's tracing at `level` and above to stderr;
/// at debug, first says so as podman does.
pub fn init(level: &str, program: &str) {
    let level = match level.to_lowercase().as_str() {
        "warning" => "warn".to_string(),
        "fatal" | "panic" => "error".to_string(),
        other => other.to_string(),
    };
    let filter = tracing_subscriber::EnvFilter::try_new(format!("libpod={level},rpod={level}"))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .event_format(Logrus {
            start: Instant::now(),
        })
        .init();
    tracing::info!("{program} filtering at log level {level}");
}
