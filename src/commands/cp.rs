//! `rpod cp` (`rpod container cp`): copy files between a container and the host.

use clap::Args;
use libpod::engine::CopyOptions;

use super::Globals;

/// Arguments of `rpod cp`.
#[derive(Debug, Args)]
pub struct CpArgs {
    /// What to copy: CONTAINER:PATH, a host path, or `-` for a tar stream on stdin
    #[arg(value_name = "[CONTAINER:]SRC_PATH")]
    pub src: String,
    /// Where to copy it: CONTAINER:PATH, a host path, or `-` for a tar stream on stdout
    #[arg(value_name = "[CONTAINER:]DEST_PATH")]
    pub dest: String,
    /// Chown copied files to the primary uid/gid of the destination container.
    #[arg(verbatim_doc_comment)]
    #[arg(short, long, num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set, default_value_t = true)]
    pub archive: bool,
    /// Follow a symbolic link given as the source path
    #[arg(short = 'L', long)]
    pub follow_link: bool,
    /// Allow to overwrite directories with non-directories and vice versa
    #[arg(long)]
    pub overwrite: bool,
}

/// `CONTAINER:PATH` split in two; a host path (none before the colon, or
/// a `/` or `.` start) is `None`.
fn split(arg: &str) -> Option<(&str, &str)> {
    if arg.starts_with('/') || arg.starts_with('.') {
        return None;
    }
    let (c, p) = arg.split_once(':')?;
    (!c.is_empty() && !c.contains('/')).then_some((c, p))
}

/// Runs `rpod cp`.
pub fn run(g: &Globals, args: CpArgs) -> anyhow::Result<u8> {
    let opts = CopyOptions {
        archive: args.archive,
        follow: args.follow_link,
        overwrite: args.overwrite,
    };
    let engine = g.engine(false)?;
    match (split(&args.src), split(&args.dest)) {
        (Some((from, p)), Some((to, q))) => engine.copy_between(from, p, to, q, opts)?,
        (None, None) => anyhow::bail!(
            "invalid arguments {}, {}: you must use just one container",
            args.src,
            args.dest
        ),
        (Some((c, p)), None) if args.dest == "-" => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            engine.copy_out_tar(c, p, opts, &mut lock)?;
        }
        (Some(_), None) if args.dest == "/dev/stdout" => anyhow::bail!(
            "invalid destination: \"/dev/stdout\" must be a directory or a regular file"
        ),
        (Some((c, p)), None) => {
            engine.copy_out(c, p, std::path::Path::new(&args.dest), opts)?;
        }
        (None, Some((c, p))) if args.src == "-" || args.src == "/dev/stdin" => {
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            engine.copy_in_tar(&mut lock, c, p, opts)?;
        }
        (None, Some((c, p))) => {
            engine.copy_in(std::path::Path::new(&args.src), c, p, opts)?;
        }
    }
    Ok(0)
}
