//! Layers from upper directories and full trees: entries, order,
//! whiteouts, opaque directories, xattrs and owners.

use std::io::Read;
use std::path::PathBuf;

use fs_err::os::unix::fs::symlink;
use nix::sys::stat::Mode;
use tar::EntryType;

use super::*;

fn entries(tar: &[u8]) -> Vec<(String, EntryType, u32, u64, String)> {
    let mut a = tar::Archive::new(tar);
    a.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let h = e.header().clone();
            let mut data = String::new();
            e.read_to_string(&mut data).unwrap();
            (
                e.path().unwrap().display().to_string(),
                h.entry_type(),
                h.mode().unwrap(),
                h.mtime().unwrap(),
                data,
            )
        })
        .collect()
}

fn touch_all(dir: &Path, t: i64) {
    let ts = nix::sys::time::TimeSpec::new(t, 0);
    for e in walk(dir) {
        nix::sys::stat::utimensat(
            None,
            &e,
            &ts,
            &ts,
            nix::sys::stat::UtimensatFlags::NoFollowSymlink,
        )
        .unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    for e in fs_err::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if fs_err::symlink_metadata(&p).unwrap().is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn an_upper_dir_becomes_a_sorted_deterministic_stream() {
    let d = tempfile::tempdir().unwrap();
    let up = d.path().join("upper");
    fs_err::create_dir_all(up.join("etc/b")).unwrap();
    fs_err::write(up.join("etc/z.conf"), "z").unwrap();
    fs_err::write(up.join("etc/a.conf"), "a").unwrap();
    fs_err::write(up.join("top"), "t").unwrap();
    fs_err::hard_link(up.join("top"), up.join("etc/b/hard")).unwrap();
    symlink("../top", up.join("etc/link")).unwrap();
    touch_all(&up, 1_000_000);
    let opts = DiffOptions::default();
    let mut one = Vec::new();
    upper_to_tar(&up, &mut one, &opts).unwrap();
    let mut two = Vec::new();
    upper_to_tar(&up, &mut two, &opts).unwrap();
    assert_eq!(one, two, "two writes of one tree differ");
    let e = entries(&one);
    let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "etc/",
            "etc/a.conf",
            "etc/b/",
            "etc/b/hard",
            "etc/link",
            "etc/z.conf",
            "top"
        ]
    );
    assert_eq!(e[3].1, EntryType::Regular);
    assert_eq!(
        e[6].1,
        EntryType::Link,
        "the second name of a file is a hardlink"
    );
    assert_eq!(e[4].1, EntryType::Symlink);
    assert!(e.iter().all(|x| x.3 == 1_000_000));
    // A fixed time replaces them all.
    let mut fixed = Vec::new();
    upper_to_tar(
        &up,
        &mut fixed,
        &DiffOptions {
            mtime: Some(42),
            ..DiffOptions::default()
        },
    )
    .unwrap();
    assert!(entries(&fixed).iter().all(|x| x.3 == 42));
    // Clamped: no time later than the limit, earlier ones kept.
    let mut clamped = Vec::new();
    upper_to_tar(
        &up,
        &mut clamped,
        &DiffOptions {
            clamp_mtime: Some(42),
            ..DiffOptions::default()
        },
    )
    .unwrap();
    assert!(entries(&clamped).iter().all(|x| x.3 <= 42));
    assert!(entries(&clamped).iter().any(|x| x.3 == 42));
    // Mapped owners.
    let m = OwnerMap {
        uids: vec![(0, 1000, 1)],
        gids: vec![],
    };
    assert_eq!(m.apply(0, 0), (1000, 0));
    assert_eq!(m.apply(5, 5), (65534, 5));
}

#[test]
fn squashed_layers_keep_the_top_of_each_path_and_whiteout_what_went() {
    if !nix::unistd::geteuid().is_root() {
        return; // 0/0 devices and trusted.* xattrs need root here (rootless is covered end to end)
    }
    let d = tempfile::tempdir().unwrap();
    let l = |n: &str| d.path().join(n);
    let wh = |p: &Path| {
        nix::sys::stat::mknod(p, nix::sys::stat::SFlag::S_IFCHR, Mode::empty(), 0).unwrap()
    };
    // base: a/x, a/y, keep, olddir/f, tofile/f
    for f in ["a/x", "a/y", "keep", "olddir/f", "tofile/f"] {
        let p = l("base").join(f);
        fs_err::create_dir_all(p.parent().unwrap()).unwrap();
        fs_err::write(&p, "base").unwrap();
    }
    // one: changes a/x, adds new, removes olddir, tofile becomes a file.
    fs_err::create_dir_all(l("one/a")).unwrap();
    fs_err::write(l("one/a/x"), "one").unwrap();
    fs_err::write(l("one/new"), "one").unwrap();
    fs_err::write(l("one/tofile"), "file").unwrap();
    wh(&l("one/olddir"));
    // two: changes new again, removes a/y, opaque dir op with a child.
    fs_err::create_dir_all(l("two/a")).unwrap();
    fs_err::write(l("two/new"), "two").unwrap();
    wh(&l("two/a/y"));
    fs_err::create_dir_all(l("two/op")).unwrap();
    fs_err::write(l("two/op/in"), "two").unwrap();
    let op = sys::open_dir(&l("two/op")).unwrap();
    sys::fsetxattr(op.as_fd(), "trusted.overlay.opaque", b"y").unwrap();

    let opts = DiffOptions::default();
    let mut out = Vec::new();
    let r = layers_to_tar(&[l("base")], &[l("one"), l("two")], &mut out, &opts).unwrap();
    assert_eq!(r.whiteouts, 2);
    let e = entries(&out);
    let got: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.4.as_str())).collect();
    assert!(got.contains(&("a/x", "one")), "{got:?}");
    assert!(got.contains(&("new", "two")), "{got:?}");
    assert!(got.contains(&("tofile", "file")), "{got:?}");
    assert!(got.contains(&("op/in", "two")), "{got:?}");
    assert!(got.contains(&("a/.wh.y", "")), "{got:?}");
    assert!(got.contains(&(".wh.olddir", "")), "{got:?}");
    // Unchanged, and no whiteout below what is now a file, no opaque mark.
    for absent in ["keep", "a/y", "tofile/.wh.f", "op/.wh..wh..opq"] {
        assert!(!got.iter().any(|(p, _)| *p == absent), "{absent}: {got:?}");
    }
    // Everything squashed: the merged tree, without any whiteout.
    let mut out = Vec::new();
    let r = layers_to_tar(&[], &[l("base"), l("one"), l("two")], &mut out, &opts).unwrap();
    assert_eq!(r.whiteouts, 0);
    let mut names: Vec<String> = entries(&out)
        .into_iter()
        .filter(|x| x.1 != EntryType::Directory)
        .map(|x| x.0)
        .collect();
    names.sort();
    assert_eq!(names, ["a/x", "keep", "new", "op/in", "tofile"]);
}

#[test]
fn whiteouts_and_opaque_directories() {
    if !nix::unistd::geteuid().is_root() {
        return; // 0/0 devices and trusted.* xattrs need root here (rootless is covered end to end)
    }
    let d = tempfile::tempdir().unwrap();
    let up = d.path().join("upper");
    fs_err::create_dir_all(up.join("opq")).unwrap();
    fs_err::write(up.join("opq/new"), "n").unwrap();
    nix::sys::stat::mknod(
        &up.join("gone"),
        nix::sys::stat::SFlag::S_IFCHR,
        Mode::empty(),
        0,
    )
    .unwrap();
    let dir = sys::open_dir(&up.join("opq")).unwrap();
    sys::fsetxattr(dir.as_fd(), "trusted.overlay.opaque", b"y").unwrap();
    sys::fsetxattr(dir.as_fd(), "user.keep", b"v").unwrap();
    let mut out = Vec::new();
    let r = upper_to_tar(&up, &mut out, &DiffOptions::default()).unwrap();
    assert_eq!(r.whiteouts, 1);
    let e = entries(&out);
    let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        names,
        vec![".wh.gone", "opq/", "opq/.wh..wh..opq", "opq/new"]
    );
    // The xattr went into a PAX record, overlay's did not.
    let mut a = tar::Archive::new(&out[..]);
    let mut found = Vec::new();
    for e in a.entries().unwrap() {
        let mut e = e.unwrap();
        if let Ok(Some(exts)) = e.pax_extensions() {
            for x in exts {
                found.push(x.unwrap().key().unwrap().to_string());
            }
        }
    }
    assert_eq!(found, vec!["SCHILY.xattr.user.keep"]);
    // The stream unpacks back into overlay's form.
    let back = d.path().join("back");
    fs_err::create_dir(&back).unwrap();
    super::super::unpack(
        &out[..],
        &back,
        &super::super::UnpackOptions { rootless: false },
    )
    .unwrap();
    assert_eq!(fs_err::read(back.join("opq/new")).unwrap(), b"n");
    assert_eq!(
        sys::lgetxattr(&back.join("opq"), "trusted.overlay.opaque").unwrap(),
        b"y"
    );
}

#[test]
fn a_vfs_tree_is_compared_with_its_layers() {
    let d = tempfile::tempdir().unwrap();
    let base = d.path().join("base");
    fs_err::create_dir_all(base.join("etc/sub")).unwrap();
    fs_err::create_dir_all(base.join("var/cache")).unwrap();
    fs_err::write(base.join("etc/keep"), "k").unwrap();
    fs_err::write(base.join("etc/change"), "old").unwrap();
    fs_err::write(base.join("etc/sub/x"), "x").unwrap();
    fs_err::write(base.join("var/cache/y"), "y").unwrap();
    touch_all(&base, 1_000_000);
    // The container's copy, then its changes.
    let tree = d.path().join("tree");
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(&base)
        .arg(&tree)
        .status()
        .unwrap();
    assert!(status.success());
    fs_err::write(tree.join("etc/change"), "new!").unwrap();
    fs_err::remove_dir_all(tree.join("var/cache")).unwrap();
    fs_err::remove_file(tree.join("etc/sub/x")).unwrap();
    fs_err::write(tree.join("added"), "a").unwrap();
    let mut out = Vec::new();
    let r = tree_to_tar(
        std::slice::from_ref(&base),
        &tree,
        &mut out,
        &DiffOptions::default(),
    )
    .unwrap();
    let e = entries(&out);
    let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "etc/sub/.wh.x",
            "var/.wh.cache",
            "added",
            "etc/change",
            "etc/sub/",
            "var/"
        ]
    );
    assert_eq!(r.whiteouts, 2);
    assert_eq!(e[3].4, "new!");
}

#[test]
fn changes_between_views_and_a_plain_archive() {
    let d = tempfile::tempdir().unwrap();
    let (low, up) = (d.path().join("low"), d.path().join("up"));
    fs_err::create_dir_all(low.join("etc/sub")).unwrap();
    fs_err::write(low.join("etc/passwd"), "root").unwrap();
    fs_err::write(low.join("etc/sub/x"), "x").unwrap();
    fs_err::write(low.join("keep"), "k").unwrap();
    touch_all(&low, 1_000);
    // The upper layer: a new file, a changed file, a removed tree
    // (an overlay whiteout needs privileges: a full tree stands in).
    fs_err::create_dir_all(up.join("etc")).unwrap();
    fs_err::write(up.join("etc/passwd"), "root:x").unwrap();
    fs_err::write(up.join("new"), "n").unwrap();
    fs_err::write(up.join("keep"), "k").unwrap();
    touch_all(&up, 1_000);
    let found = changes(std::slice::from_ref(&low), std::slice::from_ref(&up)).unwrap();
    let shown: Vec<(ChangeKind, String)> = found
        .into_iter()
        .map(|(k, p)| (k, p.display().to_string()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (ChangeKind::Changed, "etc/passwd".into()),
            (ChangeKind::Deleted, "etc/sub".into()),
            (ChangeKind::Added, "new".into()),
        ]
    );

    // path_to_tar: the top renamed, hard links kept, a 0/0-free tree.
    fs_err::hard_link(up.join("new"), up.join("new2")).unwrap();
    let mut tar = Vec::new();
    path_to_tar(&up, Path::new("x"), &mut tar, &DiffOptions::default()).unwrap();
    let mut a = tar::Archive::new(&tar[..]);
    let names: Vec<(String, EntryType)> = a
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.path().unwrap().display().to_string(),
                e.header().entry_type(),
            )
        })
        .collect();
    assert_eq!(names[0], ("x/".into(), EntryType::Directory));
    assert!(
        names.contains(&("x/new".into(), EntryType::Regular)),
        "{names:?}"
    );
    assert!(
        names.contains(&("x/new2".into(), EntryType::Link)),
        "{names:?}"
    );
}
