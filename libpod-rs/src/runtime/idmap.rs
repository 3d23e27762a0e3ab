//! Writes a child's uid and gid maps from the parent side with the setuid
//! helpers `newuidmap` and `newgidmap` (shadow-utils), which check the
//! ranges against /etc/subuid and /etc/subgid.
//!
//! Deliberately small and private: `libpod::userns` will replace it.

use std::process::{Command, Stdio};

use nix::unistd::Pid;

use super::Error;

/// One mapping: (container id, host id, size).
pub(crate) type Mapping = (u32, u32, u32);

fn command(tool: &str, pid: Pid, maps: &[Mapping]) -> Command {
    // The usual location first: skips a $PATH search on the hot path.
    let usual = std::path::Path::new("/usr/bin").join(tool);
    let mut c = if usual.exists() {
        Command::new(usual)
    } else {
        Command::new(tool)
    };
    c.arg(pid.to_string());
    for (inside, outside, size) in maps {
        c.arg(inside.to_string())
            .arg(outside.to_string())
            .arg(size.to_string());
    }
    c.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Write the uid and gid maps of `pid` (both helpers run concurrently).
pub(crate) fn write_maps(pid: Pid, uids: &[Mapping], gids: &[Mapping]) -> Result<(), Error> {
    let spawn = |tool: &'static str, maps: &[Mapping]| {
        command(tool, pid, maps)
            .spawn()
            .map_err(|source| Error::IdMapSpawn { tool, source })
    };
    let u = spawn("newuidmap", uids)?;
    let g = spawn("newgidmap", gids);
    let finish = |tool: &'static str, child: std::process::Child| -> Result<(), Error> {
        let out = child
            .wait_with_output()
            .map_err(|source| Error::IdMapSpawn { tool, source })?;
        if out.status.success() {
            Ok(())
        } else {
            Err(Error::IdMap {
                tool,
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            })
        }
    };
    let ru = finish("newuidmap", u);
    let rg = g.and_then(|g| finish("newgidmap", g));
    ru.and(rg)
}

/// The rootless mappings for `user` (uid, gid) from subuid/subgid file contents:
/// the user as root, then the first subordinate range from container id 1.
pub fn rootless_mappings(
    user: &str,
    uid: u32,
    gid: u32,
    subuid: &str,
    subgid: &str,
) -> (Vec<Mapping>, Vec<Mapping>) {
    let range = |content: &str, id: u32| {
        content.lines().find_map(|l| {
            let f: Vec<&str> = l.trim().split(':').collect();
            if f.len() == 3 && (f[0] == user || f[0] == id.to_string()) {
                Some((f[1].parse::<u32>().ok()?, f[2].parse::<u32>().ok()?))
            } else {
                None
            }
        })
    };
    let build = |own: u32, r: Option<(u32, u32)>| {
        let mut v = vec![(0, own, 1)];
        if let Some((start, count)) = r {
            v.push((1, start, count));
        }
        v
    };
    (
        build(uid, range(subuid, uid)),
        build(gid, range(subgid, gid)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mappings_from_subid_files() {
        let (u, g) = rootless_mappings(
            "bob",
            1000,
            1001,
            "x:1:2\nbob:100000:65536\n",
            "1001:200000:10\n",
        );
        assert_eq!(u, vec![(0, 1000, 1), (1, 100000, 65536)]);
        assert_eq!(g, vec![(0, 1001, 1), (1, 200000, 10)]);
        let (u, _) = rootless_mappings("eve", 5, 5, "", "");
        assert_eq!(u, vec![(0, 5, 1)]);
    }
}
