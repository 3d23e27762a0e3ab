//! The exact tar stream of an unpacked layer, kept without a second copy
//! of its data (containers/storage's "tar-split").
//!
//! An image's config names each layer by the digest of its uncompressed
//! tar (the diff id), so `save` and `push` must give back that very
//! stream, byte for byte, long after the layer was unpacked. While a layer
//! is unpacked, a [`Recorder`] between the stream and the unpacker keeps
//! every byte that is not a regular file's content (headers, PAX records,
//! padding, the end-of-archive blocks, whatever the unpacker skipped), and
//! for each file's content only its path and length. [`Assembler`] plays
//! that record back, reading the contents from the unpacked files, and the
//! caller checks the result against the diff id.
//!
//! The record is a zstd stream of items: `R` + u32 length + bytes (kept
//! bytes), `F` + u64 length + u32 path length + path (a file's content,
//! read from that path inside the layer, resolved as `open_in_root` does),
//! and `E` at the end. A few hundred bytes per entry: 15,000 entries take
//! about 1 MB.

use fs_err::File;
use std::cell::RefCell;
use std::io::{self, BufReader, Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;

use crate::sys;

/// The record's file name inside a layer's directory (beside `diff/`).
pub const FILE_NAME: &str = "tar-split.zst";

/// Kept bytes are written in items of at most this size.
const RAW_CHUNK: usize = 64 << 10;
/// The longest path an item may name (PATH_MAX).
const MAX_PATH: u32 = 4096;

/// Marks where the unpacker reads a regular file's content (see [`Recorder`]).
pub trait Marks {
    /// The next bytes read are the content of the file at `rel` in the layer.
    fn begin_file(&self, rel: &Path);
    /// The file's content has been read.
    fn end_file(&self);
}

struct State<R, W: Write> {
    reader: R,
    out: W,
    raw: Vec<u8>,
    file: Option<(PathBuf, u64)>,
    failed: Option<io::ErrorKind>,
}

impl<R, W: Write> State<R, W> {
    fn flush_raw(&mut self) -> io::Result<()> {
        if self.raw.is_empty() {
            return Ok(());
        }
        let len = u32::try_from(self.raw.len()).expect("chunks are small");
        self.out.write_all(b"R")?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&self.raw)?;
        self.raw.clear();
        Ok(())
    }

    fn write_file(&mut self, rel: &Path, size: u64) -> io::Result<()> {
        let path = rel.as_os_str().as_bytes();
        let len = u32::try_from(path.len())
            .ok()
            .filter(|l| *l <= MAX_PATH)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "path too long"))?;
        self.out.write_all(b"F")?;
        self.out.write_all(&size.to_le_bytes())?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(path)
    }
}

/// Reads a layer's tar stream for the unpacker and records it (see the
/// module's documentation). Read it through `&Recorder` (the unpacker and
/// the caller both do), then call [`Recorder::finish`].
pub struct Recorder<R, W: Write> {
    state: RefCell<State<R, W>>,
}

impl<R: Read, W: Write> Recorder<R, W> {
    /// Records what is read from `reader` into `out` (uncompressed items;
    /// the caller compresses, see [`record_to`]).
    pub fn new(reader: R, out: W) -> Self {
        Recorder {
            state: RefCell::new(State {
                reader,
                out,
                raw: Vec::with_capacity(RAW_CHUNK),
                file: None,
                failed: None,
            }),
        }
    }

    /// Ends the record; returns its writer. Call it after the whole stream
    /// was read (the end-of-archive blocks and anything after them belong
    /// to the stream the diff id covers).
    pub fn finish(self) -> io::Result<W> {
        let mut s = self.state.into_inner();
        if let Some(kind) = s.failed {
            return Err(io::Error::new(kind, "writing the layer's tar-split record"));
        }
        s.flush_raw()?;
        s.out.write_all(b"E")?;
        s.out.flush()?;
        Ok(s.out)
    }
}

impl<R: Read, W: Write> Read for &Recorder<R, W> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut s = self.state.borrow_mut();
        let n = s.reader.read(buf)?;
        if let Some((_, size)) = s.file.as_mut() {
            *size += n as u64;
            return Ok(n);
        }
        s.raw.extend_from_slice(&buf[..n]);
        if s.raw.len() >= RAW_CHUNK {
            if let Err(e) = s.flush_raw() {
                s.failed = Some(e.kind());
                return Err(e);
            }
        }
        Ok(n)
    }
}

impl<R: Read, W: Write> Marks for Recorder<R, W> {
    fn begin_file(&self, rel: &Path) {
        let mut s = self.state.borrow_mut();
        if let Err(e) = s.flush_raw() {
            s.failed.get_or_insert(e.kind());
        }
        s.file = Some((rel.to_path_buf(), 0));
    }

    fn end_file(&self) {
        let mut s = self.state.borrow_mut();
        if let Some((rel, size)) = s.file.take() {
            if size > 0 {
                if let Err(e) = s.write_file(&rel, size) {
                    s.failed.get_or_insert(e.kind());
                }
            }
        }
    }
}

/// A zstd writer for a record kept in the file `path` (level 3: the items
/// are mostly tar headers, which compress tenfold).
pub fn record_to(path: &Path) -> io::Result<zstd::stream::write::Encoder<'static, File>> {
    let file = File::create(path)?;
    zstd::stream::write::Encoder::new(file, 3)
}

enum Item {
    Raw(u32),
    File(PathBuf, u64),
    End,
}

/// Plays a record back: the layer's exact tar stream, with the files'
/// contents read from the unpacked layer at `diff` (by descriptor, inside
/// it). Run it where the layer's files can be read (as root, or in rpod's
/// user namespace rootless). The caller verifies the diff id.
///
/// Opened from a file ([`Assembler::open`]), it also starts a thread that
/// walks the same record ahead of it, opening the files to come and asking
/// the kernel to read them in (`POSIX_FADV_WILLNEED`), at most
/// [`PREFETCH_AHEAD`] bytes ahead: with a cold cache the reads of many
/// files then overlap instead of waiting one after the other. The thread
/// ends when the assembler is dropped.
pub struct Assembler {
    record: Box<dyn Read + Send>,
    root: OwnedFd,
    /// What is being copied now: kept bytes, or a file's content.
    current: Current,
    ended: bool,
    prefetch: Option<Prefetch>,
}

/// How far (bytes of file content) the prefetch thread may run ahead.
pub const PREFETCH_AHEAD: u64 = 64 << 20;

/// What the reader and the prefetch thread share.
#[derive(Default)]
struct Progress {
    /// Bytes of file content the reader has taken.
    consumed: u64,
    /// The reader is gone.
    stop: bool,
}

type Shared = std::sync::Arc<(std::sync::Mutex<Progress>, std::sync::Condvar)>;

/// The prefetch thread of an [`Assembler`].
struct Prefetch {
    shared: Shared,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Prefetch {
    /// Starts reading in the files of the record at `record` ahead of the reader.
    fn start(record: &Path, root: &OwnedFd) -> Option<Prefetch> {
        let mut items = zstd::stream::read::Decoder::new(File::open(record).ok()?).ok()?;
        let root = root.try_clone().ok()?;
        let shared: Shared = Default::default();
        let theirs = shared.clone();
        let thread = std::thread::Builder::new()
            .name("tar-split prefetch".into())
            .spawn(move || {
                let mut ahead = 0u64;
                loop {
                    match read_item(&mut items) {
                        Ok(Item::Raw(n)) => {
                            let skipped =
                                io::copy(&mut (&mut items).take(u64::from(n)), &mut io::sink());
                            if skipped.ok() != Some(u64::from(n)) {
                                return;
                            }
                        }
                        Ok(Item::File(path, size)) => {
                            {
                                let (lock, cvar) = &*theirs;
                                let Ok(mut p) = lock.lock() else { return };
                                while !p.stop && ahead > p.consumed + PREFETCH_AHEAD {
                                    let Ok(next) = cvar.wait(p) else { return };
                                    p = next;
                                }
                                if p.stop {
                                    return;
                                }
                            }
                            if let Ok(fd) = sys::open_in_root(
                                root.as_fd(),
                                &path,
                                OFlag::O_RDONLY | OFlag::O_NOFOLLOW,
                            ) {
                                let _ = nix::fcntl::posix_fadvise(
                                    std::os::fd::AsRawFd::as_raw_fd(&fd),
                                    0,
                                    i64::try_from(size).unwrap_or(i64::MAX),
                                    nix::fcntl::PosixFadviseAdvice::POSIX_FADV_WILLNEED,
                                );
                            }
                            ahead += size;
                        }
                        Ok(Item::End) | Err(_) => return,
                    }
                }
            })
            .ok()?;
        Some(Prefetch {
            shared,
            thread: Some(thread),
        })
    }

    /// The reader has taken `n` more bytes of file content.
    fn advance(&self, n: u64) {
        let (lock, cvar) = &*self.shared;
        if let Ok(mut p) = lock.lock() {
            p.consumed += n;
        }
        cvar.notify_one();
    }
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        let (lock, cvar) = &*self.shared;
        if let Ok(mut p) = lock.lock() {
            p.stop = true;
        }
        cvar.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

enum Current {
    Idle,
    Raw(u32),
    File {
        file: BufReader<std::fs::File>,
        left: u64,
        path: PathBuf,
    },
}

impl Assembler {
    /// Opens the record `record` (the zstd file) of the layer unpacked at `diff`.
    pub fn open(record: &Path, diff: &Path) -> io::Result<Assembler> {
        let file = File::open(record)?;
        let decoder = zstd::stream::read::Decoder::new(file)?;
        let mut a = Assembler::from_reader(Box::new(decoder), diff)?;
        a.prefetch = Prefetch::start(record, &a.root);
        Ok(a)
    }

    /// Plays back a record read from `record` (uncompressed items).
    pub fn from_reader(record: Box<dyn Read + Send>, diff: &Path) -> io::Result<Assembler> {
        let root = sys::open_dir(diff).map_err(io::Error::from)?;
        Ok(Assembler {
            record,
            root,
            current: Current::Idle,
            ended: false,
            prefetch: None,
        })
    }

    fn next_item(&mut self) -> io::Result<Item> {
        read_item(&mut self.record)
    }
}

/// Reads the next item's head from a record (for `R`, the bytes follow).
fn read_item(record: &mut dyn Read) -> io::Result<Item> {
    let bad = |what: &str| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("damaged tar-split record: {what}"),
        )
    };
    let mut tag = [0u8; 1];
    record
        .read_exact(&mut tag)
        .map_err(|_| bad("it ends early"))?;
    match tag[0] {
        b'R' => {
            let mut len = [0u8; 4];
            record.read_exact(&mut len)?;
            Ok(Item::Raw(u32::from_le_bytes(len)))
        }
        b'F' => {
            let mut size = [0u8; 8];
            record.read_exact(&mut size)?;
            let mut len = [0u8; 4];
            record.read_exact(&mut len)?;
            let len = u32::from_le_bytes(len);
            if len > MAX_PATH {
                return Err(bad("a path is too long"));
            }
            let mut path = vec![0u8; len as usize];
            record.read_exact(&mut path)?;
            Ok(Item::File(
                PathBuf::from(std::ffi::OsStr::from_bytes(&path)),
                u64::from_le_bytes(size),
            ))
        }
        b'E' => Ok(Item::End),
        _ => Err(bad("unknown item")),
    }
}

impl Read for Assembler {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            match &mut self.current {
                Current::Idle => {
                    if self.ended {
                        return Ok(0);
                    }
                    self.current = match self.next_item()? {
                        Item::Raw(n) => Current::Raw(n),
                        Item::File(path, left) => {
                            let fd = sys::open_in_root(
                                self.root.as_fd(),
                                &path,
                                OFlag::O_RDONLY | OFlag::O_NOFOLLOW,
                            )
                            .map_err(|e| {
                                io::Error::new(
                                    io::ErrorKind::InvalidData,
                                    format!("opening {} in the layer: {e}", path.display()),
                                )
                            })?;
                            Current::File {
                                file: BufReader::with_capacity(256 << 10, std::fs::File::from(fd)),
                                left,
                                path,
                            }
                        }
                        Item::End => {
                            self.ended = true;
                            Current::Idle
                        }
                    };
                }
                Current::Raw(0) => self.current = Current::Idle,
                Current::Raw(left) => {
                    let want = buf.len().min(*left as usize);
                    let n = self.record.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "damaged tar-split record: it ends early",
                        ));
                    }
                    *left -= n as u32;
                    return Ok(n);
                }
                Current::File { left: 0, .. } => self.current = Current::Idle,
                Current::File { file, left, path } => {
                    let want = buf.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
                    let n = file.read(&mut buf[..want])?;
                    if n == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!(
                                "{} in the layer is shorter than when it was unpacked",
                                path.display()
                            ),
                        ));
                    }
                    *left -= n as u64;
                    if let Some(p) = &self.prefetch {
                        p.advance(n as u64);
                    }
                    return Ok(n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layer::{unpack_recorded, UnpackOptions};

    fn sample() -> Vec<u8> {
        let mut b = tar::Builder::new(Vec::new());
        let mut add = |name: &str, data: &[u8], kind: tar::EntryType| {
            let mut h = tar::Header::new_gnu();
            h.set_entry_type(kind);
            h.set_mode(0o644);
            h.set_size(data.len() as u64);
            h.set_mtime(1_600_000_000);
            h.set_uid(0);
            h.set_gid(0);
            b.append_data(&mut h, name, data).unwrap();
        };
        add("etc/", b"", tar::EntryType::Directory);
        add("etc/hostname", b"box\n", tar::EntryType::Regular);
        add("empty", b"", tar::EntryType::Regular);
        add("big", &vec![7u8; 300_000], tar::EntryType::Regular);
        // Refused: climbs out; its content is kept in the record instead.
        let mut h = tar::Header::new_gnu();
        h.set_size(3);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mode(0o644);
        h.set_mtime(0);
        h.set_entry_type(tar::EntryType::Regular);
        h.as_old_mut().name[..6].copy_from_slice(b"../out");
        h.set_cksum();
        b.append(&h, &b"bad"[..]).unwrap();
        b.finish().unwrap();
        let mut v = b.into_inner().unwrap();
        // Trailing bytes after the end blocks are part of the stream too.
        v.extend_from_slice(&[0u8; 1024]);
        v
    }

    #[test]
    fn a_recorded_layer_plays_back_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let diff = dir.path().join("diff");
        fs_err::create_dir(&diff).unwrap();
        let tar = sample();
        let rec = Recorder::new(&tar[..], Vec::new());
        let report = unpack_recorded(&rec, &diff, &UnpackOptions { rootless: false }).unwrap();
        assert_eq!(report.refused.len(), 1);
        io::copy(&mut &rec, &mut io::sink()).unwrap();
        let record = rec.finish().unwrap();
        // Far smaller than the stream: the contents are not in it.
        assert!(record.len() < 8 << 10, "{}", record.len());
        let mut back = Vec::new();
        Assembler::from_reader(Box::new(io::Cursor::new(record.clone())), &diff)
            .unwrap()
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back.len(), tar.len());
        assert!(back == tar, "the played-back stream differs");
        // A file changed since: the stream cannot be made, and says which.
        fs_err::write(diff.join("big"), b"short").unwrap();
        let err = Assembler::from_reader(Box::new(io::Cursor::new(record)), &diff)
            .unwrap()
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("big"), "{err}");
    }
}
