//! The key ring: token keys by id, one of them active for new tokens, the others kept so
//! that older tokens can still be revealed. Key bytes are wiped when dropped and never
//! appear in errors or `Debug` output.

use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::base64url;

/// The longest key id: ids are written in every token.
pub const MAX_KEY_ID_LEN: usize = 64;

/// Whether `id` can name a key: 1 to 64 of `A-Z a-z 0-9 . _ -`, the characters a token can
/// carry without escaping.
pub fn is_key_id(id: &str) -> bool {
    (1..=MAX_KEY_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// One AES-SIV key: 32 bytes (AES-128-SIV) or 64 bytes (AES-256-SIV).
pub struct TokenKey {
    id: Box<str>,
    secret: Zeroizing<Vec<u8>>,
    created: Option<String>,
}

impl TokenKey {
    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// When the key was made, as the ring file says (RFC 3339), if it says.
    pub fn created(&self) -> Option<&str> {
        self.created.as_deref()
    }

    pub(crate) fn secret(&self) -> &[u8] {
        &self.secret
    }
}

impl fmt::Debug for TokenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenKey")
            .field("id", &self.id)
            .field("bits", &(self.secret.len() * 8))
            .finish_non_exhaustive()
    }
}

/// A problem with a key ring: what and where, never a key's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRingError {
    message: String,
}

impl KeyRingError {
    fn new(message: impl Into<String>) -> KeyRingError {
        KeyRingError {
            message: message.into(),
        }
    }
}

impl fmt::Display for KeyRingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for KeyRingError {}

/// Token keys by id. See `docs/policy.md` ("Key rings") for the file format.
///
/// # Example
/// ```
/// use scrubjay::KeyRing;
/// let mut ring = KeyRing::new();
/// ring.generate("2026-12").unwrap();
/// assert_eq!(ring.active(), Some("2026-12"));
/// let again = KeyRing::from_json(&ring.to_json()).unwrap();
/// assert!(again.contains("2026-12"));
/// ```
#[derive(Default)]
pub struct KeyRing {
    active: Option<String>,
    keys: Vec<TokenKey>,
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing")
            .field("active", &self.active)
            .field("keys", &self.keys)
            .finish()
    }
}

impl KeyRing {
    /// An empty ring.
    pub fn new() -> KeyRing {
        KeyRing::default()
    }

    /// Reads a ring from its JSON text:
    /// `{"active": "k2", "keys": [{"id": "k1", "key": "<base64url>"}, …]}`.
    pub fn from_json(text: &str) -> Result<KeyRing, KeyRingError> {
        let doc: Value = serde_json::from_str(text).map_err(|e| {
            // serde_json's message quotes no input, only the line and column.
            KeyRingError::new(format!("the key ring is not valid JSON: {e}"))
        })?;
        let doc = doc
            .as_object()
            .ok_or_else(|| KeyRingError::new("a key ring is a JSON object with `keys`"))?;
        check_members(doc, &["version", "active", "keys"], "the key ring")?;
        if let Some(v) = doc.get("version") {
            if v.as_u64() != Some(1) {
                return Err(KeyRingError::new("key ring `version` must be 1"));
            }
        }
        let mut ring = KeyRing::new();
        let keys = doc
            .get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| KeyRingError::new("a key ring needs `keys`, a list"))?;
        for (i, entry) in keys.iter().enumerate() {
            ring.push(read_key(entry, i)?)?;
        }
        match doc.get("active") {
            None | Some(Value::Null) => {}
            Some(Value::String(id)) => ring.set_active(id)?,
            Some(_) => return Err(KeyRingError::new("key ring `active` must be a key id")),
        }
        Ok(ring)
    }

    /// Reads a ring from a file holding its JSON text.
    pub fn from_file(path: impl AsRef<Path>) -> Result<KeyRing, KeyRingError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .map(Zeroizing::new)
            .map_err(|e| {
                KeyRingError::new(format!("cannot read key ring {}: {e}", path.display()))
            })?;
        KeyRing::from_json(&text).map_err(|e| KeyRingError::new(format!("{}: {e}", path.display())))
    }

    /// The ring as JSON text, keys included: write it only where the keys may be.
    pub fn to_json(&self) -> Zeroizing<String> {
        let keys: Vec<Value> = self
            .keys
            .iter()
            .map(|k| {
                let mut m = Map::new();
                m.insert("id".into(), Value::String(k.id.to_string()));
                m.insert("key".into(), Value::String(base64url::encode(&k.secret)));
                if let Some(c) = &k.created {
                    m.insert("created".into(), Value::String(c.clone()));
                }
                Value::Object(m)
            })
            .collect();
        let mut doc = Map::new();
        doc.insert("version".into(), Value::from(1));
        if let Some(a) = &self.active {
            doc.insert("active".into(), Value::String(a.clone()));
        }
        doc.insert("keys".into(), Value::Array(keys));
        let text = serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default();
        Zeroizing::new(text + "\n")
    }

    /// The id of the key new tokens are made with.
    pub fn active(&self) -> Option<&str> {
        self.active.as_deref()
    }

    /// The ids of every key, in the ring's order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.id())
    }

    /// The keys, in the ring's order.
    pub fn keys(&self) -> &[TokenKey] {
        &self.keys
    }

    /// Whether the ring holds a key with this id.
    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    pub(crate) fn get(&self, id: &str) -> Option<&TokenKey> {
        self.keys.iter().find(|k| &*k.id == id)
    }

    /// Adds a key of 32 or 64 bytes under a new id. `created` is a timestamp for the file.
    pub fn insert(
        &mut self,
        id: &str,
        key: &[u8],
        created: Option<&str>,
    ) -> Result<(), KeyRingError> {
        self.push(TokenKey {
            id: id.into(),
            secret: Zeroizing::new(key.to_vec()),
            created: created.map(String::from),
        })
    }

    /// Adds a new random 64-byte key (AES-256-SIV) under `id` and makes it the active one.
    pub fn generate(&mut self, id: &str) -> Result<(), KeyRingError> {
        self.generate_created(id, None)
    }

    /// As [`KeyRing::generate`], noting when the key was made (RFC 3339) for the ring file.
    pub fn generate_created(
        &mut self,
        id: &str,
        created: Option<&str>,
    ) -> Result<(), KeyRingError> {
        let mut key = Zeroizing::new(vec![0u8; 64]);
        getrandom::fill(&mut key)
            .map_err(|e| KeyRingError::new(format!("no random bytes from the system: {e}")))?;
        self.insert(id, &key, created)?;
        self.set_active(id)
    }

    /// Makes `id` the key new tokens are made with.
    pub fn set_active(&mut self, id: &str) -> Result<(), KeyRingError> {
        if !self.contains(id) {
            return Err(KeyRingError::new(format!("the key ring has no key `{id}`")));
        }
        self.active = Some(id.to_string());
        Ok(())
    }

    /// Removes the key `id` (crypto-shredding: its tokens can no longer be revealed). When it
    /// was the active key, the ring has none until another is made active.
    pub fn forget(&mut self, id: &str) -> Result<(), KeyRingError> {
        let at = self
            .keys
            .iter()
            .position(|k| &*k.id == id)
            .ok_or_else(|| KeyRingError::new(format!("the key ring has no key `{id}`")))?;
        self.keys.remove(at);
        if self.active.as_deref() == Some(id) {
            self.active = None;
        }
        Ok(())
    }

    fn push(&mut self, key: TokenKey) -> Result<(), KeyRingError> {
        if !is_key_id(&key.id) {
            return Err(KeyRingError::new(format!(
                "key id `{}` must be 1 to {MAX_KEY_ID_LEN} of A-Z a-z 0-9 . _ -",
                key.id.escape_debug()
            )));
        }
        if !matches!(key.secret.len(), 32 | 64) {
            return Err(KeyRingError::new(format!(
                "key `{}` has {} bytes; AES-SIV takes 32 or 64",
                key.id,
                key.secret.len()
            )));
        }
        if self.contains(&key.id) {
            return Err(KeyRingError::new(format!(
                "key id `{}` appears twice",
                key.id
            )));
        }
        self.keys.push(key);
        Ok(())
    }
}

fn check_members(map: &Map<String, Value>, known: &[&str], what: &str) -> Result<(), KeyRingError> {
    match map.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(KeyRingError::new(format!(
            "unknown member `{}` in {what}; expected {}",
            k.escape_debug(),
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

fn read_key(entry: &Value, index: usize) -> Result<TokenKey, KeyRingError> {
    let at = format!("keys[{index}]");
    let m = entry
        .as_object()
        .ok_or_else(|| KeyRingError::new(format!("{at} must be an object with `id` and `key`")))?;
    check_members(m, &["id", "key", "created"], &at)?;
    let id = m
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| KeyRingError::new(format!("{at} needs `id`, a string")))?;
    let encoded = m
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| KeyRingError::new(format!("{at} (`{id}`) needs `key`, base64")))?;
    let secret = base64url::decode(encoded.as_bytes())
        .map(Zeroizing::new)
        .ok_or_else(|| KeyRingError::new(format!("{at} (`{id}`): `key` is not base64")))?;
    let created = match m.get("created") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(KeyRingError::new(format!(
                "{at} (`{id}`): `created` must be a string"
            )))
        }
    };
    Ok(TokenKey {
        id: id.into(),
        secret,
        created,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const K32: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    #[test]
    fn reads_writes_and_rotates() {
        let text = format!(r#"{{"active": "a", "keys": [{{"id": "a", "key": "{K32}"}}]}}"#);
        let mut ring = KeyRing::from_json(&text).unwrap();
        assert_eq!(ring.active(), Some("a"));
        ring.generate("b").unwrap();
        assert_eq!(ring.active(), Some("b"));
        let again = KeyRing::from_json(&ring.to_json()).unwrap();
        assert_eq!(again.ids().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(again.get("b").unwrap().secret().len(), 64);
        ring.forget("b").unwrap();
        assert_eq!(ring.active(), None);
        assert!(!ring.contains("b"));
    }

    #[test]
    fn errors_name_the_entry_and_never_the_key() {
        let bad = [
            (
                r#"{"keys": [{"id": "a b", "key": "AAAA"}]}"#,
                "key id `a b`",
            ),
            (r#"{"keys": [{"id": "a", "key": "AAAA"}]}"#, "has 3 bytes"),
            (
                r#"{"keys": [{"id": "a", "key": "!!"}]}"#,
                "keys[0] (`a`): `key` is not base64",
            ),
            (r#"{"keys": [], "active": "x"}"#, "no key `x`"),
            (r#"{"keys": [{"id": "a"}]}"#, "needs `key`"),
            (r#"{"keys": [], "secret": 1}"#, "unknown member `secret`"),
            (r#"[1]"#, "JSON object"),
        ];
        for (text, want) in bad {
            let e = KeyRing::from_json(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
        let twice = format!(
            r#"{{"keys": [{{"id": "a", "key": "{K32}"}}, {{"id": "a", "key": "{K32}"}}]}}"#
        );
        assert!(KeyRing::from_json(&twice)
            .unwrap_err()
            .to_string()
            .contains("twice"));
    }

    #[test]
    fn debug_shows_ids_not_bytes() {
        let mut ring = KeyRing::new();
        ring.insert("k", &[7u8; 32], None).unwrap();
        let shown = format!("{ring:?}");
        assert!(shown.contains("\"k\"") && shown.contains("256"), "{shown}");
        assert!(!shown.contains("7, 7"), "{shown}");
    }
}
