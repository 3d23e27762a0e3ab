//! Aligned columns like Go's tabwriter as podman configures it
//! (minimum width 12, padding 2, spaces; the last column is not padded).

/// Aligns tab-separated lines into columns.
pub fn align(lines: &[String]) -> String {
    const MIN_WIDTH: usize = 12;
    const PADDING: usize = 2;
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if i + 1 < row.len() {
                widths[i] = widths[i].max((cell.chars().count() + PADDING).max(MIN_WIDTH));
            }
        }
    }
    let mut out = String::new();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i + 1 < row.len() {
                out.push_str(&" ".repeat(widths[i] - cell.chars().count()));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::align;

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
}
