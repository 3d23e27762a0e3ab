//! `rpod rmi` (`rpod image rm`): remove images; reports per image.

use clap::Args;

use super::Globals;
use crate::output;

/// Arguments of `rpod rmi`.
#[derive(Debug, Args)]
pub struct RmiArgs {
    /// The images to remove
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    pub images: Vec<String>,
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// Force Removal of the image
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors if a specified image does not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Do not remove dangling images
    #[arg(long)]
    pub no_prune: bool,
}

/// Runs `rpod rmi`: removes what it can, reports each failure, exit 125 or 1 if any failed.
pub fn run(g: &Globals, args: RmiArgs) -> anyhow::Result<u8> {
    anyhow::ensure!(
        !args.all || args.images.is_empty(),
        "when using the --all switch, you may not pass any images names or IDs"
    );
    let engine = g.engine(false)?;
    let reports = if args.all {
        engine.remove_all_images(args.force)?
    } else {
        engine.remove_images(&args.images, args.force)?
    };
    let mut code = 0;
    let mut not_found_only = true;
    let mut conflict = false;
    for report in reports {
        match report.result {
            Ok(lines) => lines.iter().for_each(|l| output::println(l)),
            Err(e) if args.ignore && e.is_image_not_found() => {}
            Err(e) => {
                not_found_only &= e.is_image_not_found();
                conflict |= matches!(e, libpod::Error::ImageInUse { .. });
                output::print_error(&anyhow::Error::from(e));
                code = 125;
            }
        }
    }
    // podman: 1 when every failure was "no such image", 2 for conflicts, else 125.
    if code != 0 && not_found_only {
        code = 1;
    } else if conflict {
        code = 2;
    }
    Ok(code)
}
