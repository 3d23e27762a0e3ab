//! The only place that writes to stdout and stderr: plain lines, JSON,
//! YAML, Go templates and aligned tables. A closed stdout (`| head`) ends
//! output quietly.

pub mod human;
pub mod table;
pub mod template;
pub mod yaml;

use std::io::Write;

use serde::Serialize;

use template::Template;

fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // Broken pipe: the reader is gone; nothing more to say.
        std::process::exit(0);
    }
}

/// Prints a line on stdout.
pub fn println(line: &str) {
    out(&format!("{line}\n"));
}

/// Prints text on stdout as is.
pub fn print_raw(text: &str) {
    out(text);
}

/// Prints a line on stderr.
pub fn eprintln(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Prints text on stderr without a newline (prompts).
pub fn eprint(text: &str) {
    let mut e = std::io::stderr();
    let _ = e.write_all(text.as_bytes());
    let _ = e.flush();
}

/// Asks a yes/no question on stderr and reads the answer from stdin (default no).
pub fn confirm(question: &str) -> std::io::Result<bool> {
    eprint(&format!("{question} [y/N] "));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Prints a warning on stderr, as podman: `WARN[0000] message`.
pub fn warn(message: &str) {
    eprintln(&format!("WARN[0000] {message}"));
}

/// Prints an error with its causes, as podman: `Error: outer: inner`.
pub fn print_error(err: &anyhow::Error) {
    eprintln(&format!("Error: {}", error_text(err)));
}

/// The error and its causes joined by `: `, skipping causes the message already shows.
pub fn error_text(err: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in err.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

/// Prints a value as indented JSON (podman's 4-space indent).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    value.serialize(&mut ser)?;
    buf.push(b'\n');
    out(&String::from_utf8(buf)?);
    Ok(())
}

/// Prints a value as YAML.
pub fn print_yaml<T: Serialize>(value: &T) -> anyhow::Result<()> {
    out(&yaml::render(&serde_json::to_value(value)?));
    Ok(())
}

/// Prints one value through a Go template (a newline is added, as podman does).
pub fn print_template<T: Serialize>(format: &str, value: &T) -> anyhow::Result<()> {
    if format == "json" {
        return print_json(value);
    }
    let t = Template::parse(format)?;
    let mut text = t.render(&serde_json::to_value(value)?)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    out(&text);
    Ok(())
}

/// Prints rows through a template; `table` templates get a header and aligned columns.
pub fn print_rows<T: Serialize>(
    format: &str,
    rows: &[T],
    titles: &[(&str, &str)],
    noheading: bool,
) -> anyhow::Result<u8> {
    if format == "json" {
        print_json(rows)?;
        return Ok(0);
    }
    let t = Template::parse(format)?;
    let mut lines = Vec::new();
    if t.table && !noheading {
        lines.push(t.header(titles));
    }
    for row in rows {
        lines.push(t.render(&serde_json::to_value(row)?)?);
    }
    if t.table {
        out(&table::align(&lines));
    } else {
        let mut text = String::new();
        for l in lines {
            text.push_str(&l);
            if !l.ends_with('\n') {
                text.push('\n');
            }
        }
        out(&text);
    }
    Ok(0)
}
