//! `rpod history`: the build steps of an image.

use clap::Args;
use serde::Serialize;

use super::Globals;
use crate::output;

/// Arguments of `rpod history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The image
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Display sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub human: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display the numeric IDs only
    #[arg(short, long)]
    pub quiet: bool,
    /// Change the output to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Default, Serialize)]
#[allow(non_snake_case)]
struct Row {
    ID: String,
    Created: String,
    CreatedSince: String,
    CreatedAt: String,
    CreatedBy: String,
    Size: String,
    Comment: String,
    Tags: Vec<String>,
}

/// Runs `rpod history`.
pub fn run(g: &Globals, args: HistoryArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    let entries = engine.history(&args.image)?;
    if args.quiet {
        for e in &entries {
            output::println(if args.no_trunc || e.id.len() < 12 {
                &e.id
            } else {
                &e.id[..12]
            });
        }
        return Ok(0);
    }
    if args
        .format
        .as_deref()
        .is_some_and(output::template::is_json)
    {
        let list: Vec<_> = entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "created": e.created,
                    "createdBy": e.created_by,
                    "size": e.size,
                    "comment": e.comment,
                })
            })
            .collect();
        output::print_json(&list)?;
        return Ok(0);
    }
    let rows: Vec<Row> = entries
        .iter()
        .map(|e| {
            let id = if args.no_trunc || e.id.len() < 12 {
                e.id.clone()
            } else {
                e.id[..12].to_string()
            };
            let created_by = if args.no_trunc || e.created_by.chars().count() <= 45 {
                e.created_by.clone()
            } else {
                format!("{}...", e.created_by.chars().take(42).collect::<String>())
            };
            let (since, at) = match &e.created {
                Some(t) => (
                    output::human::since(t),
                    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ),
                None => (String::new(), String::new()),
            };
            Row {
                ID: id,
                Created: if args.human {
                    since.clone()
                } else {
                    at.clone()
                },
                CreatedSince: since,
                CreatedAt: at,
                CreatedBy: created_by,
                Size: if args.human {
                    output::human::size(e.size)
                } else {
                    e.size.to_string()
                },
                Comment: e.comment.clone(),
                Tags: Vec::new(),
            }
        })
        .collect();
    let format = output::row_format(
        args.format.as_deref(),
        "table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
    );
    output::print_rows(
        format,
        &rows,
        &[
            ("ID", "ID"),
            ("Created", "CREATED"),
            ("CreatedSince", "CREATED"),
            ("CreatedAt", "CREATED AT"),
            ("CreatedBy", "CREATED BY"),
            ("Size", "SIZE"),
            ("Comment", "COMMENT"),
        ],
        false,
        "images.historyReporter",
    )
}

/// An empty row: the fields a `--format` template can use (shell completion).
pub fn format_sample() -> Option<crate::output::template::TValue> {
    crate::output::template::TValue::from(&Row::default()).ok()
}
