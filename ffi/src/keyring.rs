//! Key rings for `scrubjay_reveal`: the keys that open the tokens a `tokenize` action wrote.

use scrubjay_core::{KeyRing, RevealOutcome};

use crate::boundary::{engine_ref, guard, guard_or, require, text};
use crate::buffer::write;
use crate::engine::scrubjay_engine;
use crate::status::{scrubjay_error, scrubjay_status, set_error};

/// A key ring: token keys by id. Immutable once loaded; may be read from any number of
/// threads. Its key bytes are wiped when it is freed with [`scrubjay_keyring_free`].
pub struct scrubjay_keyring {
    inner: KeyRing,
}

fn loaded(
    result: Result<KeyRing, scrubjay_error>,
    err: *mut *mut scrubjay_error,
) -> *mut scrubjay_keyring {
    match result {
        Ok(inner) => Box::into_raw(Box::new(scrubjay_keyring { inner })),
        Err(e) => {
            // SAFETY: forwarded from the caller.
            unsafe { set_error(err, e) };
            std::ptr::null_mut()
        }
    }
}

fn invalid(e: scrubjay_core::KeyRingError) -> scrubjay_error {
    scrubjay_error::new(
        scrubjay_status::SCRUBJAY_STATUS_INVALID_INPUT,
        &e.to_string(),
    )
}

fn panicked() -> Result<KeyRing, scrubjay_error> {
    Err(scrubjay_error::new(
        scrubjay_status::SCRUBJAY_STATUS_PANIC,
        "scrubjay panicked while reading the key ring",
    ))
}

/// Reads a key ring from its JSON text (UTF-8, `len` bytes). NULL on failure, with an error
/// (`SCRUBJAY_STATUS_INVALID_INPUT`) that names the entry and never a key's bytes.
///
/// # Safety
/// `json` points to `len` readable bytes; `err` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_keyring_from_json(
    json: *const u8,
    len: usize,
    err: *mut *mut scrubjay_error,
) -> *mut scrubjay_keyring {
    let result = guard_or(panicked(), || {
        // SAFETY: forwarded from the caller.
        let t = unsafe { text(json, len) }.map_err(|s| {
            scrubjay_error::new(
                s,
                "the key ring is NULL with a non-zero length, or not UTF-8",
            )
        })?;
        KeyRing::from_json(t).map_err(invalid)
    });
    loaded(result, err)
}

/// Reads a key ring from the file at `path` (UTF-8, `len` bytes). NULL on failure, with an
/// error naming the file.
///
/// # Safety
/// `path` points to `len` readable bytes; `err` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_keyring_from_file(
    path: *const u8,
    len: usize,
    err: *mut *mut scrubjay_error,
) -> *mut scrubjay_keyring {
    let result = guard_or(panicked(), || {
        // SAFETY: forwarded from the caller.
        let p = unsafe { text(path, len) }.map_err(|s| {
            scrubjay_error::new(
                s,
                "the key ring path is NULL with a non-zero length, or not UTF-8",
            )
        })?;
        KeyRing::from_file(p).map_err(invalid)
    });
    loaded(result, err)
}

/// Frees a key ring, wiping its keys. NULL is a no-op.
///
/// # Safety
/// `keys` is NULL or came from `scrubjay_keyring_from_*` and is not used afterwards.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_keyring_free(keys: *mut scrubjay_keyring) {
    if !keys.is_null() {
        // SAFETY: the ring came from Box::into_raw and is freed once (caller's contract).
        drop(unsafe { Box::from_raw(keys) });
    }
}

/// Reveals the tokens in a text: each token the engine's policy writes
/// (`tokenize.template`) whose key `keys` holds is replaced by the value it stands for;
/// the others stay as they are. `SCRUBJAY_STATUS_UNCHANGED` (nothing written) when no token
/// opened. UTF-8 input; buffers as for `scrubjay_redact`.
///
/// # Safety
/// As for `scrubjay_redact`; `keys` came from `scrubjay_keyring_from_*` and is not freed.
#[no_mangle]
pub unsafe extern "C" fn scrubjay_reveal(
    engine: *const scrubjay_engine,
    keys: *const scrubjay_keyring,
    input: *const u8,
    len: usize,
    out: *mut u8,
    cap: usize,
    out_len: *mut usize,
) -> scrubjay_status {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let e = unsafe { engine_ref(engine)? };
        require(!keys.is_null() && !out_len.is_null())?;
        // SAFETY: checked non-NULL; a live ring by the caller's contract.
        let ring = unsafe { &(*keys).inner };
        // SAFETY: forwarded from the caller.
        let t = unsafe { text(input, len)? };
        let revealed = e.inner.reveal(t, ring);
        if !revealed
            .tokens
            .iter()
            .any(|t| t.outcome == RevealOutcome::Revealed)
        {
            // SAFETY: `out_len` checked above.
            unsafe { *out_len = len };
            return Ok(scrubjay_status::SCRUBJAY_STATUS_UNCHANGED);
        }
        // SAFETY: buffer contract forwarded from the caller.
        Ok(unsafe { write(revealed.text.as_bytes(), out, cap, out_len) })
    })
}
