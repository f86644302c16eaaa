//! `scrubjay keys new | rotate | forget | list`: a token key-ring file, written with owner-only
//! permissions and replaced atomically.

use std::io::Write;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use scrubjay::KeyRing;

use crate::error::CliError;

/// Loads a ring file, warning when others may read it.
pub fn load(path: &Path) -> Result<KeyRing, CliError> {
    warn_if_shared(path);
    KeyRing::from_file(path).map_err(|e| CliError::Policy(e.to_string()))
}

/// `keys new`: a ring with one key, active. Refuses to overwrite a file.
pub fn new(path: &Path, id: Option<&str>) -> Result<(), CliError> {
    if path.exists() {
        return Err(CliError::Policy(format!(
            "{}: exists; `scrubjay keys rotate` adds a key to it",
            path.display()
        )));
    }
    let mut ring = KeyRing::new();
    let id = add_key(&mut ring, id)?;
    save(path, &ring)?;
    eprintln!(
        "scrubjay: {}: new key ring, active key `{id}`",
        path.display()
    );
    Ok(())
}

/// `keys rotate`: a new key, made active; the others stay to reveal older tokens.
pub fn rotate(path: &Path, id: Option<&str>) -> Result<(), CliError> {
    let mut ring = load(path)?;
    let id = add_key(&mut ring, id)?;
    save(path, &ring)?;
    eprintln!("scrubjay: {}: active key is now `{id}`", path.display());
    Ok(())
}

/// `keys forget`: removes a key, so that its tokens can never be revealed again.
pub fn forget(path: &Path, id: &str) -> Result<(), CliError> {
    let mut ring = load(path)?;
    let was_active = ring.active() == Some(id);
    ring.forget(id)
        .map_err(|e| CliError::Policy(format!("{}: {e}", path.display())))?;
    save(path, &ring)?;
    eprintln!(
        "scrubjay: {}: forgot key `{id}`; its tokens can no longer be revealed",
        path.display()
    );
    if was_active {
        eprintln!(
            "scrubjay: {}: the ring has no active key: `tokenize` masks until `scrubjay keys rotate`",
            path.display()
        );
    }
    Ok(())
}

/// `keys list`: ids, sizes and dates; never a key.
pub fn list(path: &Path) -> Result<(), CliError> {
    let ring = load(path)?;
    for k in ring.keys() {
        let active = if ring.active() == Some(k.id()) {
            " (active)"
        } else {
            ""
        };
        println!("{}\t{}{active}", k.id(), k.created().unwrap_or("-"));
    }
    Ok(())
}

fn add_key(ring: &mut KeyRing, id: Option<&str>) -> Result<String, CliError> {
    let id = match id {
        Some(id) => id.to_string(),
        None => free_id(ring, &today()),
    };
    ring.generate_created(&id, Some(&now_rfc3339()))
        .map_err(|e| CliError::Policy(e.to_string()))?;
    Ok(id)
}

/// `date`, or `date.2`, `date.3`, … when the ring has it already.
fn free_id(ring: &KeyRing, date: &str) -> String {
    std::iter::once(date.to_string())
        .chain((2..).map(|n| format!("{date}.{n}")))
        .find(|id| !ring.contains(id))
        .unwrap_or_default()
}

/// Writes the ring beside `path` with mode 0600, then renames it over `path`.
fn save(path: &Path, ring: &KeyRing) -> Result<(), CliError> {
    let name = path.display().to_string();
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let write = || -> std::io::Result<()> {
        let mut f = options.open(&tmp)?;
        f.write_all(ring.to_json().as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CliError::io(&name, e)
    })
}

fn warn_if_shared(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            if m.permissions().mode() & 0o077 != 0 {
                eprintln!(
                    "scrubjay: warning: {}: others may read this key ring (chmod 600 it)",
                    path.display()
                );
            }
        }
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The UTC date of `secs` since the epoch (Howard Hinnant's days-to-civil algorithm).
fn civil(secs: u64) -> (i64, u32, u32, u64) {
    let days = (secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, secs % 86_400)
}

fn today() -> String {
    let (y, m, d, _) = civil(now_secs());
    format!("{y:04}-{m:02}-{d:02}")
}

fn now_rfc3339() -> String {
    let (y, m, d, s) = civil(now_secs());
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0));
        assert_eq!(civil(951_782_400), (2000, 2, 29, 0));
        assert_eq!(civil(1_796_601_600 + 3_661), (2026, 12, 7, 3_661));
    }
}
