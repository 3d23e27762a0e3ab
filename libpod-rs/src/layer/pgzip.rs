//! gzip on several cores, as pigz (and containers/image's pgzip) do it:
//! the input is cut into blocks of [`BLOCK`] bytes, each block is deflated
//! on its own by a worker thread (primed with the last 32 KiB of the block
//! before it, so the ratio stays that of one stream) and ended with a sync
//! flush, and the pieces are written in order between one gzip header and
//! trailer. The result is one ordinary gzip member that every gunzip reads.
//!
//! The output depends only on the input and the level, never on how many
//! threads ran or how reads were split: the same layer compresses to the
//! same digest every time.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::sync::{mpsc, Mutex};

use flate2::{Compress, Compression, FlushCompress};

/// The size of the blocks compressed independently (pigz uses 128 KiB;
/// larger blocks cost less per block and still give every core work).
pub const BLOCK: usize = 1 << 20;

/// Deflate's window: the dictionary a block is primed with.
const WINDOW: usize = 32 << 10;

/// A block to compress: its index, the dictionary, the data.
type Job = (usize, Vec<u8>, Vec<u8>);

/// How many threads to compress with: the cores there are, at most 4.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Compresses `from` into `to` as one gzip member at `level` (1 to 9) on
/// `threads` threads; returns how many bytes were read. The threads end
/// before it returns (the process is single-threaded again).
pub fn compress(
    from: &mut dyn Read,
    to: &mut dyn Write,
    level: u32,
    threads: usize,
) -> io::Result<u64> {
    let level = level.clamp(1, 9);
    to.write_all(&header(level))?;
    let mut crc = crc32fast::Hasher::new();
    let mut total = 0u64;
    let mut tail: Vec<u8> = Vec::new();
    let mut block = read_block(from)?;
    if threads <= 1 || block.len() < BLOCK {
        // One core, or less than one block: no threads.
        while !block.is_empty() {
            crc.update(&block);
            total += block.len() as u64;
            to.write_all(&deflate_block(level, &tail, &block)?)?;
            tail = window_of(&block);
            block = read_block(from)?;
        }
    } else {
        let (job_tx, job_rx) = mpsc::channel::<Job>();
        let job_rx = Mutex::new(job_rx);
        let (done_tx, done_rx) = mpsc::channel::<(usize, io::Result<Vec<u8>>)>();
        std::thread::scope(|scope| -> io::Result<()> {
            for _ in 0..threads {
                let done_tx = done_tx.clone();
                let job_rx = &job_rx;
                scope.spawn(move || loop {
                    let job = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((i, dict, data))) = job else {
                        break;
                    };
                    if done_tx
                        .send((i, deflate_block(level, &dict, &data)))
                        .is_err()
                    {
                        break;
                    }
                });
            }
            drop(done_tx);
            // Dropping `job_tx` on any return ends the workers.
            let job_tx = job_tx;
            let max_in_flight = threads * 2;
            let (mut sent, mut written, mut in_flight) = (0usize, 0usize, 0usize);
            let mut ready = BTreeMap::new();
            let mut eof = false;
            loop {
                while !eof && in_flight < max_in_flight {
                    if block.is_empty() {
                        eof = true;
                        break;
                    }
                    crc.update(&block);
                    total += block.len() as u64;
                    let next_tail = window_of(&block);
                    let dict = std::mem::replace(&mut tail, next_tail);
                    let data = std::mem::take(&mut block);
                    job_tx
                        .send((sent, dict, data))
                        .map_err(|_| io::Error::other("a compression thread ended"))?;
                    sent += 1;
                    in_flight += 1;
                    block = read_block(from)?;
                }
                if in_flight == 0 {
                    return Ok(());
                }
                let (i, piece) = done_rx
                    .recv()
                    .map_err(|_| io::Error::other("a compression thread ended"))?;
                in_flight -= 1;
                ready.insert(i, piece?);
                while let Some(piece) = ready.remove(&written) {
                    to.write_all(&piece)?;
                    written += 1;
                }
            }
        })?;
    }
    // A final, empty block ends the deflate stream.
    let mut last = Compress::new(Compression::new(level), false);
    let mut end = Vec::with_capacity(64);
    last.compress_vec(&[], &mut end, FlushCompress::Finish)
        .map_err(io::Error::other)?;
    to.write_all(&end)?;
    to.write_all(&crc.finalize().to_le_bytes())?;
    // ISIZE: the input's length modulo 2^32 (RFC 1952).
    to.write_all(&(total as u32).to_le_bytes())?;
    Ok(total)
}

/// A gzip header without name or time (what Go's and flate2's writers
/// write by default), with the level hint gzip's XFL gives.
fn header(level: u32) -> [u8; 10] {
    let xfl = match level {
        9 => 2,
        1 => 4,
        _ => 0,
    };
    [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 255]
}

/// Reads up to [`BLOCK`] bytes (fewer only at the end of the input).
fn read_block(from: &mut dyn Read) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; BLOCK];
    let mut n = 0;
    while n < BLOCK {
        match from.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    buf.truncate(n);
    Ok(buf)
}

/// The last 32 KiB of `block`: the next block's dictionary.
fn window_of(block: &[u8]) -> Vec<u8> {
    block[block.len().saturating_sub(WINDOW)..].to_vec()
}

/// Deflates `data` (raw, no zlib header) primed with `dict`, ending with a
/// sync flush so that the next block's output can follow it.
fn deflate_block(level: u32, dict: &[u8], data: &[u8]) -> io::Result<Vec<u8>> {
    let mut c = Compress::new(Compression::new(level), false);
    if !dict.is_empty() {
        c.set_dictionary(dict).map_err(io::Error::other)?;
    }
    let mut out = Vec::with_capacity(data.len() / 2 + 4096);
    loop {
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64 << 10));
        }
        let used = usize::try_from(c.total_in()).unwrap_or(usize::MAX);
        c.compress_vec(&data[used..], &mut out, FlushCompress::Sync)
            .map_err(io::Error::other)?;
        // Done once all input is in and the flush left room unused.
        if usize::try_from(c.total_in()).ok() == Some(data.len()) && out.len() < out.capacity() {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(len: usize) -> Vec<u8> {
        // Compressible but not trivial: words with a counter.
        let mut v = Vec::with_capacity(len);
        let mut i = 0u64;
        while v.len() < len {
            v.extend_from_slice(format!("line {i} of the sample, {} ", i * 7919 % 1013).as_bytes());
            i += 1;
        }
        v.truncate(len);
        v
    }

    fn gunzip(gz: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn round_trips_and_is_the_same_on_any_number_of_threads() {
        for len in [0, 1, 1000, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 12345] {
            let data = sample(len);
            let mut one = Vec::new();
            let n = compress(&mut &data[..], &mut one, 6, 1).unwrap();
            assert_eq!(n, len as u64);
            assert!(gunzip(&one) == data, "length {len}: the round trip differs");
            let mut three = Vec::new();
            compress(&mut &data[..], &mut three, 6, 3).unwrap();
            assert!(one == three, "length {len}: output depends on the threads");
        }
    }

    #[test]
    fn the_ratio_is_close_to_a_single_stream() {
        let data = sample(4 * BLOCK);
        let mut ours = Vec::new();
        compress(&mut &data[..], &mut ours, 6, 2).unwrap();
        let mut plain = flate2::write::GzEncoder::new(Vec::new(), Compression::new(6));
        plain.write_all(&data).unwrap();
        let plain = plain.finish().unwrap();
        assert!(
            ours.len() <= plain.len() + plain.len() / 50,
            "{} against {}",
            ours.len(),
            plain.len()
        );
    }

    #[test]
    fn gzip_tools_read_it() {
        if std::process::Command::new("gzip")
            .arg("--version")
            .output()
            .is_err()
        {
            return;
        }
        let data = sample(2 * BLOCK + 77);
        let mut gz = Vec::new();
        compress(&mut &data[..], &mut gz, 5, 2).unwrap();
        let mut child = std::process::Command::new("gzip")
            .args(["-d", "-c"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || stdin.write_all(&gz));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(out.status.success());
        assert!(out.stdout == data);
    }
}
