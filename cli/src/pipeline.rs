//! Ordered parallel processing of line-oriented input.
//!
//! A reader cuts the input into chunks of whole lines, worker threads turn each chunk into
//! output bytes plus a summary, and the caller's sink receives the results in input order.
//! At most `4 × threads` chunks are in flight, so memory stays bounded whatever the size of
//! the input (one chunk is about [`CHUNK_BYTES`], or one line when a line is longer).

use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// The target size of one chunk of input.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// Whole lines of input and the number of the first one (1-based).
pub struct Chunk {
    /// 1-based number of the first line in `data`.
    pub first_line: u64,
    /// Whole lines, each ending in `\n` except possibly the last line of the input.
    pub data: Vec<u8>,
}

impl Chunk {
    /// The lines of the chunk with their numbers, without line terminators.
    pub fn lines(&self) -> impl Iterator<Item = (u64, &[u8])> {
        let data = self.data.strip_suffix(b"\n").unwrap_or(&self.data);
        data.split(|&b| b == b'\n')
            .enumerate()
            .map(move |(i, line)| {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                (self.first_line + i as u64, line)
            })
    }
}

/// Which side of the pipeline failed.
#[derive(Debug)]
pub enum Failure {
    /// Reading the input.
    Read(io::Error),
    /// The sink (writing the output).
    Write(io::Error),
}

/// Reads `input` in chunks, runs `work` on `threads` threads, and hands the results to `sink`
/// in input order. `progress` is told how many bytes each chunk held, as chunks are read.
pub fn run<T, W, S, P>(
    input: &mut (dyn BufRead + Send),
    threads: usize,
    work: W,
    mut sink: S,
    mut progress: P,
) -> Result<(), Failure>
where
    T: Send,
    W: Fn(&Chunk) -> (Vec<u8>, T) + Sync,
    S: FnMut(Vec<u8>, T) -> io::Result<()>,
    P: FnMut(u64) + Send,
{
    let threads = threads.max(1);
    if threads == 1 {
        let mut line = 1;
        while let Some(chunk) = read_chunk(input, &mut line).map_err(Failure::Read)? {
            progress(chunk.data.len() as u64);
            let (out, summary) = work(&chunk);
            sink(out, summary).map_err(Failure::Write)?;
        }
        return Ok(());
    }
    let in_flight = 4 * threads;
    let (chunk_tx, chunk_rx) = sync_channel::<(u64, Chunk)>(threads);
    let (done_tx, done_rx) = sync_channel::<(u64, Vec<u8>, T)>(in_flight);
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        token_tx.send(()).expect("the token channel has room");
    }
    // Shared by the workers only: when the last one stops, the receiver goes and a reader
    // blocked on a full channel wakes up with an error.
    let chunk_rx = Arc::new(Mutex::new(chunk_rx));
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> io::Result<()> {
            let mut line = 1;
            let mut seq = 0u64;
            while let Some(chunk) = read_chunk(input, &mut line)? {
                if token_rx.recv().is_err() {
                    break; // the writer stopped
                }
                progress(chunk.data.len() as u64);
                if chunk_tx.send((seq, chunk)).is_err() {
                    break;
                }
                seq += 1;
            }
            Ok(())
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (chunk_rx, work) = (Arc::clone(&chunk_rx), &work);
            scope.spawn(move || loop {
                let next = next_chunk(&chunk_rx);
                let Some((seq, chunk)) = next else { break };
                let (out, summary) = work(&chunk);
                if done_tx.send((seq, out, summary)).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        drop(chunk_rx);
        let written = write_in_order(&done_rx, &mut sink, &token_tx).map_err(Failure::Write);
        drop(done_rx);
        drop(token_tx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")))
            .map_err(Failure::Read);
        written.and(read)
    })
}

fn next_chunk<T>(rx: &Mutex<Receiver<T>>) -> Option<T> {
    rx.lock().ok()?.recv().ok()
}

fn write_in_order<T, S>(
    done: &Receiver<(u64, Vec<u8>, T)>,
    sink: &mut S,
    tokens: &std::sync::mpsc::SyncSender<()>,
) -> io::Result<()>
where
    S: FnMut(Vec<u8>, T) -> io::Result<()>,
{
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for (seq, out, summary) in done.iter() {
        pending.insert(seq, (out, summary));
        while let Some((out, summary)) = pending.remove(&next) {
            sink(out, summary)?;
            next += 1;
            let _ = tokens.send(());
        }
    }
    Ok(())
}

/// Reads about [`CHUNK_BYTES`] of whole lines; `None` at the end of the input.
fn read_chunk(input: &mut (dyn BufRead + Send), line: &mut u64) -> io::Result<Option<Chunk>> {
    let mut data = Vec::with_capacity(CHUNK_BYTES + 1024);
    let first_line = *line;
    while data.len() < CHUNK_BYTES {
        let n = input.read_until(b'\n', &mut data)?;
        if n == 0 {
            break;
        }
        *line += 1;
    }
    Ok((!data.is_empty()).then_some(Chunk { first_line, data }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_across_threads() {
        let text: String = (0..100_000).map(|i| format!("line {i}\n")).collect();
        for threads in [1, 2, 3] {
            let mut out = Vec::new();
            let mut bytes = 0;
            run(
                &mut text.as_bytes(),
                threads,
                |c: &Chunk| {
                    let mut o = Vec::new();
                    for (n, l) in c.lines() {
                        o.extend_from_slice(format!("{n}:").as_bytes());
                        o.extend_from_slice(l);
                        o.push(b'\n');
                    }
                    (o, ())
                },
                |o, ()| {
                    out.extend(o);
                    Ok(())
                },
                |n| bytes += n,
            )
            .unwrap();
            let want: String = (0..100_000)
                .map(|i| format!("{}:line {i}\n", i + 1))
                .collect();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{threads} threads");
            assert_eq!(bytes as usize, text.len());
        }
    }

    #[test]
    fn a_failing_sink_stops_the_pipeline() {
        let text = "x\n".repeat(2_000_000);
        let err = run(
            &mut text.as_bytes(),
            2,
            |c: &Chunk| (c.data.clone(), ()),
            |_, ()| Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed")),
            |_| {},
        )
        .unwrap_err();
        assert!(matches!(err, Failure::Write(e) if e.kind() == io::ErrorKind::BrokenPipe));
    }
}
