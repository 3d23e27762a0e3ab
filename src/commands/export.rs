//! `rpod export` (`rpod container export`): a container's file system as a tar.

use clap::Args;

use super::Globals;

/// Arguments of `rpod export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Write to a specified file (default: stdout, which must be redirected)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// Runs `rpod export`.
pub fn run(g: &Globals, args: ExportArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    write_tar(
        args.output.as_deref(),
        "refusing to export to terminal. Use -o flag or redirect",
        |w| Ok(engine.export_container(&args.container, w)?),
    )?;
    Ok(0)
}

/// Writes the tar stream `write` makes to `output`, beside it first and
/// renamed (nothing half-written), or to stdout, which must not be a
/// terminal (`on_terminal`: podman's words for the verb). `export` and
/// `volume export`.
pub(crate) fn write_tar(
    output: Option<&std::path::Path>,
    on_terminal: &str,
    write: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::io::{IsTerminal, Write};
    match output {
        Some(path) => {
            let mut tmp = path.to_path_buf().into_os_string();
            tmp.push(format!(".rpod-export-{}", std::process::id()));
            let tmp = std::path::PathBuf::from(tmp);
            let file = fs_err::File::create(&tmp)
                .map_err(libpod::sys::without_path)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let done = write(&mut w)
                .and_then(|()| Ok(w.flush()?))
                .and_then(|()| Ok(fs_err::rename(&tmp, path)?));
            if done.is_err() {
                let _ = fs_err::remove_file(&tmp);
            }
            done
        }
        None => {
            let stdout = std::io::stdout();
            anyhow::ensure!(!stdout.is_terminal(), "{on_terminal}");
            let mut lock = stdout.lock();
            write(&mut lock)?;
            Ok(lock.flush()?)
        }
    }
}
