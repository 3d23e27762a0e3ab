//! `rpod export` (`rpod container export`): a container's file system as a tar.

use std::io::{IsTerminal, Write};

use clap::Args;

use super::Globals;

/// Arguments of `rpod export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The container
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// Write to a file instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// Runs `rpod export`.
pub fn run(g: &Globals, args: ExportArgs) -> anyhow::Result<u8> {
    let engine = g.engine(false)?;
    match &args.output {
        Some(path) => {
            // Written beside its destination and renamed: nothing half-written.
            let mut tmp = path.clone().into_os_string();
            tmp.push(format!(".rpod-export-{}", std::process::id()));
            let tmp = std::path::PathBuf::from(tmp);
            let file = std::fs::File::create(&tmp)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let done = engine
                .export_container(&args.container, &mut w)
                .map_err(anyhow::Error::from)
                .and_then(|()| Ok(w.flush()?))
                .and_then(|()| Ok(std::fs::rename(&tmp, path)?));
            if done.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            done?;
        }
        None => {
            let stdout = std::io::stdout();
            anyhow::ensure!(
                !stdout.is_terminal(),
                "refusing to export to terminal. Use -o flag or redirect"
            );
            let mut lock = stdout.lock();
            engine.export_container(&args.container, &mut lock)?;
        }
    }
    Ok(0)
}
