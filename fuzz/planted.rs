// Secrets the fuzz harness plants among fuzzed bytes, for the property that a known secret
// never comes out, even where redaction is idempotent. Included by checks.rs and by
// ffi/check.rs (the C library's crate cannot depend on the core crate's name).

/// Secrets the harness plants among fuzzed bytes (made up for this harness, each in a format
/// a default rule knows), with the part of each that must not come out.
pub const PLANTED: &[(&str, &str)] = &[
    ("AKIAZ7Q3M9XK2PLW5RTE", "Z7Q3M9XK2PLW5RTE"),
    ("4111 1111 1111 1111", "4111 1111 1111 1111"),
    ("5500-0055-5555-5559", "0055-5555"),
    ("password=Qm7vR2xT9pLw", "Qm7vR2xT9pLw"),
    ("api_key: Zx81hQm2LwP0vBn7TgR4", "Zx81hQm2LwP0vBn7TgR4"),
    ("jane.roe@example.org", "jane.roe@"),
    (
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg",
        "c2lnbmF0dXJlLW9mLXRoZS10b2tlbg",
    ),
    ("ghp_R8mT2vXq9LzW4pKc7NbY1sHd5FgJ3aUe6oPi", "R8mT2vXq9LzW4pKc7NbY"),
    ("xoxb-2048-4096-Ab3dEf5gHi7jKl9mNo1pQr", "Ab3dEf5gHi7jKl9mNo1pQr"),
    ("Bearer Zx81hQm2LwP0vBn7TgR4Yc5Ke3Ja6Ud9", "Zx81hQm2LwP0vBn7TgR4Yc5K"),
    ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "4eC39HqLyjWDarjtT1zdp7dc"),
    ("123-45-6789", "123-45-6789"),
];

/// Bytes a planted secret stands between: every rule ends a token at them.
const FENCES: &[u8] = b" \n\t";

/// A secret planted in `data`: the first byte picks the secret and its fences, the second
/// where the rest is cut into the bytes before and after it. Returns the text and the part
/// of the secret that must not come out.
pub fn plant(data: &[u8]) -> Option<(Vec<u8>, &'static str)> {
    let [pick, cut, rest @ ..] = data else {
        return None;
    };
    let (secret, core) = PLANTED[*pick as usize % PLANTED.len()];
    let fence = |k: usize| FENCES[(*pick as usize / PLANTED.len() + k) % FENCES.len()];
    let (before, after) = rest.split_at(*cut as usize * rest.len() / 256);
    let mut text = before.to_vec();
    text.push(fence(0));
    text.extend_from_slice(secret.as_bytes());
    text.push(fence(1));
    text.extend_from_slice(after);
    Some((text, core))
}

/// Whether `out` holds `core` more often than the fuzzed bytes around the planted secret did
/// (they may hold it themselves): then the planted one came through.
pub fn leaks(input: &[u8], out: &[u8], core: &str) -> bool {
    let count = |hay: &[u8]| {
        hay.windows(core.len())
            .filter(|w| *w == core.as_bytes())
            .count()
    };
    count(out) >= count(input)
}
