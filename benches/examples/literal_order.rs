//! Finds an order of the default policy's literal anchors that gives the SIMD literal search
//! few false candidates, and prints it as `LITERAL_SEARCH_ORDER` for `core/src/rules/builtin.rs`.
//!
//! aho-corasick's Teddy (1.1) takes the first `m` bytes of each literal (`m` = the shortest
//! literal, at most 4), groups literals whose bytes share low nibbles, and puts each group
//! into bucket `B - 1 - (id of its first literal mod B)` (`B` = 16 above 32 literals with
//! AVX2, else 8). A position is a candidate for a bucket when each of its next `m` bytes has
//! a low nibble and a high nibble that some literal of the bucket has at that offset; every
//! candidate costs a check of the bucket's literals. This tool counts, for an order, the
//! candidates times the bucket sizes over the byte triples of clean and PII-dense telemetry,
//! the README and policy reference, and the test vectors, and searches orders by simulated
//! annealing (seeded, so the result is reproducible), refusing any order under which a run of
//! a filler byte (`xxxx`, `----`, `====`, ...) is a candidate at every byte. The model is rough:
//! orders it scores alike have measured up to 7 % apart on clean lines, so an order it finds
//! is kept only when `make bench` agrees.
//!
//! Run: `cargo run --release -p scrubjay-benches --example literal_order`

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Byte windows of a corpus, weighted so that each corpus counts `weight` in all.
fn add_windows(out: &mut HashMap<Vec<u8>, f64>, text: &[u8], m: usize, weight: f64) {
    let n = text.len().saturating_sub(m - 1).max(1) as f64;
    for w in text.windows(m) {
        *out.entry(w.to_vec()).or_default() += weight / n;
    }
}

/// The files of `dir` whose names end in `.ext`, sorted.
fn files_in(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// Every string in a JSON document.
fn strings(v: &serde_json::Value, out: &mut Vec<u8>) {
    match v {
        serde_json::Value::String(s) => {
            out.extend_from_slice(s.as_bytes());
            out.push(b'\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Bytes whose runs fill log lines: an order under which a run of one is a candidate at every
/// byte is refused.
const FILLERS: &[u8] = b"xX-=*#._0 ~";

struct Model {
    lits: Vec<Vec<u8>>,
    m: usize,
    buckets: usize,
    /// (low nibbles, high nibbles, weight) of each distinct window.
    windows: Vec<([u8; 4], [u8; 4], f64)>,
    memo: HashMap<Vec<usize>, f64>,
}

impl Model {
    fn assign(&self, order: &[usize]) -> Vec<Vec<usize>> {
        let mut buckets = vec![Vec::new(); self.buckets];
        let mut groups: HashMap<Vec<u8>, usize> = HashMap::new();
        for (id, &lit) in order.iter().enumerate() {
            let key: Vec<u8> = self.lits[lit][..self.m].iter().map(|b| b & 15).collect();
            let b = *groups
                .entry(key)
                .or_insert(self.buckets - 1 - id % self.buckets);
            buckets[b].push(lit);
        }
        buckets
    }

    fn bucket_cost(&mut self, bucket: &[usize]) -> f64 {
        if bucket.is_empty() {
            return 0.0;
        }
        let mut key = bucket.to_vec();
        key.sort_unstable();
        if let Some(&c) = self.memo.get(&key) {
            return c;
        }
        // Per offset, the low and high nibbles some literal of the bucket has there.
        let mut lo = [0u16; 4];
        let mut hi = [0u16; 4];
        for &l in bucket {
            for k in 0..self.m {
                lo[k] |= 1 << (self.lits[l][k] & 15);
                hi[k] |= 1 << (self.lits[l][k] >> 4);
            }
        }
        let hits: f64 = self
            .windows
            .iter()
            .filter(|(wl, wh, _)| {
                (0..self.m).all(|k| lo[k] >> wl[k] & 1 == 1 && hi[k] >> wh[k] & 1 == 1)
            })
            .map(|w| w.2)
            .sum();
        let c = hits * bucket.len() as f64;
        self.memo.insert(key, c);
        c
    }

    /// How many of the filler bytes a bucket fits at every offset, over the buckets: a run of
    /// such a byte (`xxxx-xxxx-xxxx-4242`, a `----` or `====` rule) is a candidate at each of
    /// its bytes.
    fn filler_hits(&self, order: &[usize]) -> usize {
        let mut hits = 0;
        for bucket in self.assign(order) {
            let (mut lo, mut hi) = ([0u16; 4], [0u16; 4]);
            for &l in &bucket {
                for k in 0..self.m {
                    lo[k] |= 1 << (self.lits[l][k] & 15);
                    hi[k] |= 1 << (self.lits[l][k] >> 4);
                }
            }
            hits += FILLERS
                .iter()
                .filter(|&&c| {
                    (0..self.m).all(|k| lo[k] >> (c & 15) & 1 == 1 && hi[k] >> (c >> 4) & 1 == 1)
                })
                .count();
        }
        hits
    }

    /// The weight of an order's false candidates; infinite when a run of a filler byte is one.
    fn cost(&mut self, order: &[usize]) -> f64 {
        if self.filler_hits(order) > 0 {
            return f64::INFINITY;
        }
        self.assign(order).iter().map(|b| self.bucket_cost(b)).sum()
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let lits: Vec<Vec<u8>> = scrubjay::Engine::default()
        .literal_anchors()
        .into_iter()
        .map(String::into_bytes)
        .collect();
    let m = lits.iter().map(Vec::len).min().unwrap_or(1).min(4);
    let buckets = if lits.len() > 32 { 16 } else { 8 };

    // Prose and code: the README, the policy reference, the CLI and FFI sources (not the
    // core, whose rule tables spell every literal).
    let mut prose = Vec::new();
    for f in ["README.md", "docs/policy.md"] {
        prose.extend(std::fs::read(root.join(f)).unwrap_or_default());
    }
    for dir in ["cli/src", "ffi/src"] {
        for f in files_in(&root.join(dir), "rs") {
            prose.extend(std::fs::read(f).unwrap_or_default());
        }
    }
    let mut vectors = Vec::new();
    for p in files_in(&root.join("tests/vectors"), "json") {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&p).expect("vector file")).expect("json");
        strings(&v, &mut vectors);
    }
    let mut counts = HashMap::new();
    // Telemetry weighs most: clean lines 1, PII-dense lines and prose 1/2, vectors 1/4.
    let w = [1.0, 0.5, 0.5, 0.25];
    add_windows(
        &mut counts,
        scrubjay_benches::clean_text(2 << 20).as_bytes(),
        m,
        w[0],
    );
    add_windows(
        &mut counts,
        scrubjay_benches::dense_text(2 << 20).as_bytes(),
        m,
        w[1],
    );
    add_windows(&mut counts, &prose, m, w[2]);
    add_windows(&mut counts, &vectors, m, w[3]);
    let nibbles = |w: &[u8], f: fn(u8) -> u8| {
        let mut a = [0u8; 4];
        for (k, &b) in w.iter().enumerate() {
            a[k] = f(b);
        }
        a
    };
    // Sorted, so that sums (and the search's choices) are the same on every run.
    let mut counts: Vec<(Vec<u8>, f64)> = counts.into_iter().collect();
    counts.sort_by(|a, b| a.0.cmp(&b.0));
    let windows = counts
        .into_iter()
        .map(|(w, c)| (nibbles(&w, |b| b & 15), nibbles(&w, |b| b >> 4), c))
        .collect();
    let mut model = Model {
        lits,
        m,
        buckets,
        windows,
        memo: HashMap::new(),
    };

    let n = model.lits.len();
    let in_use: Vec<usize> = (0..n).collect();
    let start_cost = model.cost(&in_use);
    // The search starts from the literals sorted, so that its result does not depend on the
    // order in use.
    let mut current = in_use.clone();
    current.sort_by(|&a, &b| model.lits[a].cmp(&model.lits[b]));
    let mut current_cost = model.cost(&current);
    let (mut best, mut best_cost) = (current.clone(), current_cost);
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut temperature = start_cost * 0.05;
    for _ in 0..40_000 {
        let (i, j) = ((next() % n as u64) as usize, (next() % n as u64) as usize);
        current.swap(i, j);
        let c = model.cost(&current);
        let accept = (next() >> 11) as f64 / (1u64 << 53) as f64;
        if c < current_cost || accept < ((current_cost - c) / temperature.max(1e-12)).exp() {
            current_cost = c;
            if c < best_cost {
                best_cost = c;
                best.clone_from(&current);
            }
        } else {
            current.swap(i, j);
        }
        temperature *= 0.9997;
    }
    // Keep the order in use when the search does no better (the printed list is then the
    // committed one).
    if start_cost <= best_cost {
        (best, best_cost) = (in_use, start_cost);
    }
    eprintln!(
        "false-candidate weight: order in use {start_cost:.5}, found order {best_cost:.5} \
         ({:.1}x fewer); {buckets} buckets of {m}-byte fingerprints",
        start_cost / best_cost
    );
    for (b, lits) in model.assign(&best).iter().enumerate() {
        let names: Vec<String> = lits
            .iter()
            .map(|&l| String::from_utf8_lossy(&model.lits[l]).into_owned())
            .collect();
        eprintln!("bucket {b:2}: {}", names.join(" "));
    }
    println!("pub(crate) const LITERAL_SEARCH_ORDER: &[&str] = &[");
    for &l in &best {
        println!("    {:?},", String::from_utf8_lossy(&model.lits[l]));
    }
    println!("];");
}
