//! Log lines as podman prints them (logrus's text format), on stderr: on
//! a terminal `DEBU[0000] message` (the level in four letters, the seconds
//! since the start); otherwise `time="…" level=debug msg="message"`.

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
    /// stderr is a terminal (logrus's short layout).
    terminal: bool,
}

/// Collects an event's `message` field (and any others as `key=value`).
#[derive(Default)]
struct Message(String);

impl tracing::field::Visit for Message {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            self.0.insert_str(0, &format!("{value:?}"));
        } else {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
    }
}

/// A value as logrus writes it: bare when it has only "safe" characters,
/// else quoted as Go's `%q`.
fn logrus_value(v: &str) -> String {
    let bare = !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/@^+".contains(c));
    if bare {
        return v.to_string();
    }
    let mut out = String::from("\"");
    for c in v.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
        let (short, long) = match *event.metadata().level() {
            Level::TRACE => ("TRAC", "trace"),
            Level::DEBUG => ("DEBU", "debug"),
            Level::INFO => ("INFO", "info"),
            Level::WARN => ("WARN", "warning"),
            Level::ERROR => ("ERRO", "error"),
        };
        if self.terminal {
            write!(writer, "{short}[{:04}] ", self.start.elapsed().as_secs())?;
            ctx.field_format().format_fields(writer.by_ref(), event)?;
            return writeln!(writer);
        }
        let mut message = Message::default();
        event.record(&mut message);
        let time = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        writeln!(
            writer,
            "time={} level={long} msg={}",
            logrus_value(&time),
            logrus_value(&message.0)
        )
    }
}

/// Sends libpod's and rpod's tracing at `level` and above to stderr;
/// at debug, first says so as podman does.
pub fn init(level: &str, program: &str, syslog: bool) {
    let level = match level.to_lowercase().as_str() {
        "warning" => "warn".to_string(),
        "fatal" | "panic" => "error".to_string(),
        other => other.to_string(),
    };
    let filter = tracing_subscriber::EnvFilter::try_new(format!("libpod={level},rpod={level}"))
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(move || Line {
            text: Vec::new(),
            syslog,
        })
        .event_format(Logrus {
            start: Instant::now(),
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        })
        .init();
    tracing::info!("{program} filtering at log level {level}");
}

/// One log line for stderr and, with `--syslog`, for syslog(3) too.
struct Line {
    /// The line as formatted.
    text: Vec<u8>,
    /// Whether it also goes to syslog.
    syslog: bool,
}

impl std::io::Write for Line {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), &self.text);
        if self.syslog && !self.text.is_empty() {
            // syslog(3)'s datagram on /dev/log: user facility, info.
            let text = String::from_utf8_lossy(&self.text);
            let message = format!("<14>rpod[{}]: {}", std::process::id(), text.trim_end());
            if let Ok(socket) = std::os::unix::net::UnixDatagram::unbound() {
                let _ = socket.send_to(message.as_bytes(), "/dev/log");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::logrus_value;

    #[test]
    fn values_are_quoted_as_logrus_quotes_them() {
        assert_eq!(logrus_value("debug"), "debug");
        assert_eq!(logrus_value("/usr/bin/rpod"), "/usr/bin/rpod");
        assert_eq!(
            logrus_value("rpod filtering at level debug"),
            "\"rpod filtering at level debug\""
        );
        assert_eq!(logrus_value("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(logrus_value(""), "\"\"");
    }
}
