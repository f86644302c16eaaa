//! Key rings: loading one into a handle, freeing it, its ids, and reading tokens back with it.
//!
//! A ring's keys stay native: Java sees its ids and active id, never a key's bytes.

use jni::objects::{JClass, JIntArray, JObject, JString};
use jni::sys::{jint, jlong, jobjectArray, jstring};
use jni::JNIEnv;

use crate::boundary::{guard, Failure, Outcome};
use crate::engine::{engine, string_array};
use crate::text::{self, UnitOffsets};

/// The key ring behind a handle.
///
/// The Java side hands over only handles that `keyringFromJson` or `keyringFromFile` returned
/// and that are not freed yet (`NativeResource`, as for engines). 0 never names a ring.
fn ring<'a>(handle: jlong) -> Outcome<&'a scrubjay::KeyRing> {
    if handle == 0 {
        return Err(Failure::State("scrubjay: the key ring is closed".into()));
    }
    // SAFETY: a non-zero handle is a live `Box<KeyRing>` leaked by `into_handle` (see above).
    Ok(unsafe { &*(handle as *const scrubjay::KeyRing) })
}

fn into_handle(ring: scrubjay::KeyRing) -> jlong {
    Box::into_raw(Box::new(ring)) as jlong
}

/// Reads a ring from its JSON text; throws `KeyRingException` when it is not one.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_keyringFromJson<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    json: JString<'local>,
) -> jlong {
    guard(&mut env, 0, |env| {
        let (json, _) = text::read(env, &json)?;
        scrubjay::KeyRing::from_json(&json)
            .map(into_handle)
            .map_err(Failure::KeyRing)
    })
}

/// Reads a ring from a file (read natively, so its text never becomes a Java string); throws
/// `KeyRingException` when it cannot be read or is not a ring.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_keyringFromFile<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    path: JString<'local>,
) -> jlong {
    guard(&mut env, 0, |env| {
        let (path, _) = text::read(env, &path)?;
        scrubjay::KeyRing::from_file(&path)
            .map(into_handle)
            .map_err(Failure::KeyRing)
    })
}

/// Frees a ring (its keys are wiped as it drops). Java calls it once per handle, when no call
/// on it is running.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_keyringFree(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) {
    guard(&mut env, (), |_| {
        if handle != 0 {
            // SAFETY: `handle` came from `into_handle` and is freed only here, once.
            drop(unsafe { Box::from_raw(handle as *mut scrubjay::KeyRing) });
        }
        Ok(())
    })
}

/// The ids of the ring's keys, in its order.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_keyringIds(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let ids: Vec<&str> = ring(handle)?.ids().collect();
        string_array(env, &ids)
    })
}

/// The id of the ring's active key, or null when it has none.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_keyringActive(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        match ring(handle)?.active() {
            Some(id) => text::new_string(env, id),
            None => Ok(std::ptr::null_mut()),
        }
    })
}

/// `text` with the tokens the ring opens replaced by their values. When none opened and the
/// string converted exactly, the argument itself comes back.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_reveal<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    engine_handle: jlong,
    keys: jlong,
    input: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let (e, keys) = (engine(engine_handle)?, ring(keys)?);
        let (s, exact) = text::read(env, &input)?;
        let out = e.reveal(&s, keys);
        let opened = out
            .tokens
            .iter()
            .any(|t| t.outcome == scrubjay::RevealOutcome::Revealed);
        if exact && !opened {
            return Ok(input.into_raw());
        }
        text::new_string(env, &out.text)
    })
}

/// `reveal` with what became of each token, in order: `{String text, String[] rules,
/// String[] keyIds, String[] outcomes, int[] spans}`, `spans` holding each token's start and
/// end in UTF-16 units of `input`. The text is always a new string.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_revealTokens<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    engine_handle: jlong,
    keys: jlong,
    input: JString<'local>,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let (e, keys) = (engine(engine_handle)?, ring(keys)?);
        let units = text::units(env, &input)?;
        let (s, _) = text::to_utf8(&units);
        let out = e.reveal(&s, keys);
        let mut offsets = UnitOffsets::new(&units);
        let mut spans: Vec<jint> = Vec::with_capacity(out.tokens.len() * 2);
        for t in &out.tokens {
            spans.push(offsets.unit_at(t.start) as jint);
            spans.push(offsets.unit_at(t.end) as jint);
        }
        let rules: Vec<&str> = out.tokens.iter().map(|t| &*t.rule).collect();
        let key_ids: Vec<&str> = out.tokens.iter().map(|t| &*t.key_id).collect();
        let outcomes: Vec<&str> = out.tokens.iter().map(|t| t.outcome.name()).collect();
        // SAFETY: each call returns a live local reference to a new String or String[].
        let parts = unsafe {
            [
                JObject::from_raw(text::new_string(env, &out.text)?),
                JObject::from_raw(string_array(env, &rules)?),
                JObject::from_raw(string_array(env, &key_ids)?),
                JObject::from_raw(string_array(env, &outcomes)?),
            ]
        };
        let span_array: JIntArray<'_> = env.new_int_array(spans.len() as jint)?;
        env.set_int_array_region(&span_array, 0, &spans)?;
        let result = env.new_object_array(5, "java/lang/Object", JObject::null())?;
        for (i, part) in parts.iter().enumerate() {
            env.set_object_array_element(&result, i as jint, part)?;
        }
        env.set_object_array_element(&result, 4, &span_array)?;
        Ok(result.into_raw())
    })
}
