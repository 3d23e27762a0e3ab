//! Aligned columns like Go's text/tabwriter as podman configures it
//! (minimum width 12, padding 2, spaces): a cell is text ended by a tab; the
//! last cell of a line is not aligned; a column's width is set by the block
//! of consecutive lines that have a cell in it.

const MIN_WIDTH: usize = 12;
const PADDING: usize = 2;

/// Aligns tab-separated lines into columns.
pub fn align(lines: &[String]) -> String {
    let mut text = String::new();
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    tabwriter(&text)
}

/// Formats text as Go's tabwriter (`NewWriter(w, 12, 2, 2, ' ', 0)`) does.
pub fn tabwriter(text: &str) -> String {
    let mut lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    // The text after the last newline is a line only if not empty.
    if lines
        .last()
        .is_some_and(|l| l.len() == 1 && l[0].is_empty())
    {
        lines.pop();
    }
    let mut widths = Vec::new();
    let mut out = String::new();
    format(&lines, 0, lines.len(), &mut widths, &mut out);
    if !text.ends_with('\n') && !out.is_empty() {
        out.pop();
    }
    out
}

fn width(s: &str) -> usize {
    s.chars().count()
}

fn format(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        // A block of lines with a cell in this column starts here.
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut w = MIN_WIDTH;
        while this < line1 && column + 1 < lines[this].len() {
            w = w.max(width(lines[this][column]) + PADDING);
            this += 1;
        }
        widths.push(w);
        format(lines, line0, this, widths, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(
    lines: &[Vec<&str>],
    line0: usize,
    line1: usize,
    widths: &[usize],
    out: &mut String,
) {
    for line in &lines[line0..line1] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < line.len() {
                if let Some(w) = widths.get(j) {
                    out.push_str(&" ".repeat(w.saturating_sub(width(cell))));
                }
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::{align, tabwriter};

    #[test]
    fn like_podman_images() {
        let lines = vec![
            "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE".to_string(),
            "docker.io/library/alpine\tlatest\t9c6f07244728\t3 months ago\t5.83 MB".to_string(),
        ];
        assert_eq!(
            align(&lines),
            "REPOSITORY                TAG         IMAGE ID      CREATED       SIZE\n\
             docker.io/library/alpine  latest      9c6f07244728  3 months ago  5.83 MB\n"
        );
    }

    #[test]
    fn columns_are_aligned_per_block() {
        // A line without tabs ends the block: the columns after it are
        // aligned on their own.
        assert_eq!(
            tabwriter("a\tb\nlonger-than-twelve\tc\nplain\nx\ty\n"),
            "a                   b\nlonger-than-twelve  c\nplain\nx           y\n"
        );
        // Trailing tabs make a last empty cell; short lines stay short.
        assert_eq!(
            tabwriter("k:\tv\t\nkey2:\tv2\n"),
            format!("k:          v{}\nkey2:       v2\n", " ".repeat(11))
        );
    }
}
