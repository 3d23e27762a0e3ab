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
        let mut part = cause.to_string();
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            // fs_err's "failed to … `PATH`: ERROR": where the message
            // already shows ERROR, or names PATH, the path is not said again.
            let bare = libpod::sys::os_text(io);
            if text.contains(&bare) {
                continue;
            }
            if part
                .split('`')
                .nth(1)
                .is_some_and(|path| text.contains(path))
            {
                part = bare;
            }
        }
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

/// Prints a value as YAML (podman adds an empty line after it).
pub fn print_yaml<T: Serialize>(value: &T) -> anyhow::Result<()> {
    out(&format!(
        "{}\n",
        yaml::render(&serde_json::to_value(value)?)
    ));
    Ok(())
}

/// A value as a template sees it: shaped as podman's Go type `go`
/// (`pkg.Name`, see [`template::schema`]; `""`: as it serialises).
pub fn template_value<T: Serialize + ?Sized>(
    value: &T,
    go: &'static str,
) -> anyhow::Result<template::TValue> {
    let v = template::TValue::from(value).map_err(anyhow::Error::msg)?;
    Ok(if go.is_empty() {
        v
    } else {
        template::schema::typed(v, go)
    })
}

/// Rows as a template sees them: each shaped as podman's Go type `go`.
pub fn template_rows<T: Serialize>(
    rows: &[T],
    go: &'static str,
) -> anyhow::Result<Vec<template::TValue>> {
    rows.iter().map(|r| template_value(r, go)).collect()
}

/// Prints one value through a Go template (`info`, `version`: podman runs
/// the format once), the value shaped as podman's Go type `go`; `json`
/// prints JSON.
pub fn print_template<T: Serialize>(
    format: &str,
    value: &T,
    go: &'static str,
) -> anyhow::Result<()> {
    if template::is_json(format) {
        return print_json(value);
    }
    let t = Template::for_value(format)?;
    let text = t.render_value(&template_value(value, go)?)?;
    if t.table {
        out(&table::tabwriter(&text));
    } else {
        out(&text);
    }
    Ok(())
}

/// Prints an already converted value through a Go template (as [`print_template`]).
pub fn print_template_value(format: &str, value: &template::TValue) -> anyhow::Result<()> {
    if template::is_json(format) {
        out(&format!("{}\n", value.to_json()));
        return Ok(());
    }
    let t = Template::for_value(format)?;
    let text = t.render_value(value)?;
    if t.table {
        out(&table::tabwriter(&text));
    } else {
        out(&text);
    }
    Ok(())
}

/// Prints already converted values with a row template (`table` gets a
/// header of its field names), one rendering per value.
pub fn print_values(format: &str, values: Vec<template::TValue>) -> anyhow::Result<()> {
    let t = Template::for_rows(format)?;
    let mut text = String::new();
    if t.table {
        text.push_str(&t.header(&[])?);
    }
    text.push_str(&t.render_value(&template::TValue::List(values))?);
    if t.table {
        out(&table::tabwriter(&text));
    } else {
        out(&text);
    }
    Ok(())
}

/// The format a list command uses: the user's, or `default` when none was
/// given or it is just `table` (podman's reading of `--format table`).
pub fn row_format<'a>(user: Option<&'a str>, default: &'a str) -> &'a str {
    match user {
        None => default,
        Some(f) if f.trim() == "table" => default,
        Some(f) => f,
    }
}

/// Prints rows through a template, as podman's list commands and `inspect`
/// do: `json` prints a JSON array; a `table` template gets a header row
/// (unless `noheading`) and aligned columns; any other template runs once
/// per row (or once on the whole list when it has its own `{{range .}}`).
///
/// Each row is shaped as podman's Go type `go` (its reporter type, as
/// `containers.psReporter`; `""`: as it serialises).
pub fn print_rows<T: Serialize>(
    format: &str,
    rows: &[T],
    titles: &[(&str, &str)],
    noheading: bool,
    go: &'static str,
) -> anyhow::Result<u8> {
    if template::is_json(format) {
        print_json(rows)?;
        return Ok(0);
    }
    let t = Template::for_rows(format)?;
    let mut text = String::new();
    if t.table && !noheading {
        text.push_str(&t.header(titles)?);
    }
    text.push_str(&t.render_value(&template::TValue::List(template_rows(rows, go)?))?);
    if t.table {
        out(&table::tabwriter(&text));
    } else {
        out(&text);
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::error_text;

    #[test]
    fn an_os_error_the_message_already_shows_is_not_repeated() {
        let io = fs_err::read("/nonexistent/rpod-error-text").unwrap_err();
        let err = libpod::error::Error::Volume(libpod::volume::Error::Io {
            op: "reading",
            path: "/nonexistent/rpod-error-text".into(),
            source: io,
        });
        assert_eq!(
            error_text(&anyhow::Error::new(err)),
            "reading /nonexistent/rpod-error-text: No such file or directory (os error 2)"
        );
    }

    #[test]
    fn a_path_the_message_already_names_is_not_repeated() {
        let io = fs_err::read("/nonexistent/rpod-error-text").unwrap_err();
        let err = anyhow::Error::new(io).context("writing /nonexistent/rpod-error-text");
        assert_eq!(
            error_text(&err),
            "writing /nonexistent/rpod-error-text: No such file or directory (os error 2)"
        );
    }

    #[test]
    fn an_os_error_the_message_does_not_show_is_added_with_its_path() {
        let io = fs_err::read("/nonexistent/rpod-error-text").unwrap_err();
        let err = anyhow::Error::new(io).context("loading");
        assert_eq!(
            error_text(&err),
            "loading: failed to open file `/nonexistent/rpod-error-text`: No such file or directory (os error 2)"
        );
    }
}
