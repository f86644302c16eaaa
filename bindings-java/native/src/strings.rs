//! Strings and bytes: redaction, scanning and the sanitizers, one call each.

use std::borrow::Cow;

use jni::objects::{JByteArray, JClass, JObject, JString, JValue};
use jni::sys::{jbyteArray, jint, jlong, jobjectArray, jstring};
use jni::JNIEnv;

use crate::boundary::{guard, Failure, Outcome};
use crate::engine::{engine, string_array};
use crate::report::with_report;
use crate::text::{self, UnitOffsets};

/// Redacts one string. When nothing changed and the string converted exactly, the argument
/// itself comes back (nothing is allocated); a string that held a lone surrogate always comes
/// back as the engine made it.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_redact<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    report: jlong,
    input: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let e = engine(handle)?;
        let (s, exact) = text::read(env, &input)?;
        let out = with_report(report, |r| match r {
            Some(r) => e.redact_str_with_report(&s, r),
            None => e.redact_str(&s),
        })?;
        match out {
            Cow::Borrowed(_) if exact => Ok(input.into_raw()),
            out => text::new_string(env, &out),
        }
    })
}

/// Redacts bytes at byte level (invalid UTF-8 included). The argument comes back when nothing
/// changed.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_redactBytes<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    report: jlong,
    input: JByteArray<'local>,
) -> jbyteArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let e = engine(handle)?;
        let data = env.convert_byte_array(&input)?;
        let out = with_report(report, |r| {
            let out = match r {
                Some(r) => e.redact_bytes_with_report(&data, r),
                None => e.redact_bytes(&data),
            };
            match out {
                Cow::Borrowed(_) => None,
                Cow::Owned(o) => Some(o),
            }
        })?;
        match out {
            None => Ok(input.into_raw()),
            Some(o) => Ok(env.byte_array_from_slice(&o)?.into_raw()),
        }
    })
}

/// What the policy would redact: a `Finding[]` with offsets in UTF-16 units of `input`.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_scan<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    input: JString<'local>,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let e = engine(handle)?;
        let units = text::units(env, &input)?;
        let (s, _) = text::to_utf8(&units);
        let findings = e.scan_str(&s);
        let mut offsets = UnitOffsets::new(&units);
        let array = env.new_object_array(
            findings.len() as i32,
            "dev/scrubjay/Finding",
            JObject::null(),
        )?;
        for (i, f) in findings.iter().enumerate() {
            let rule = JObject::from(env.new_string(&f.rule)?);
            let path = match &f.path {
                Some(p) => JObject::from(env.new_string(p)?),
                None => JObject::null(),
            };
            let start = offsets.unit_at(f.start) as jint;
            let end = offsets.unit_at(f.end) as jint;
            let finding = env.new_object(
                "dev/scrubjay/Finding",
                "(Ljava/lang/String;IILjava/lang/String;)V",
                &[
                    JValue::Object(&rule),
                    JValue::Int(start),
                    JValue::Int(end),
                    JValue::Object(&path),
                ],
            )?;
            env.set_object_array_element(&array, i as i32, &finding)?;
            for local in [finding, rule, path] {
                env.delete_local_ref(local)?;
            }
        }
        Ok(array.into_raw())
    })
}

/// One string through one of the engine's sanitizers, each a `fn(&Engine, &str) -> String`.
fn sanitize(
    env: &mut JNIEnv<'_>,
    handle: jlong,
    input: &JString<'_>,
    f: impl FnOnce(&scrubjay::Engine, &str) -> String,
) -> Outcome<jstring> {
    let e = engine(handle)?;
    let (s, _) = text::read(env, input)?;
    let out = f(e, &s);
    text::new_string(env, &out)
}

/// The URL sanitizer.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_sanitizeUrl<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    url: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        sanitize(env, handle, &url, |e, s| e.sanitize_url(s))
    })
}

/// The SQL normaliser.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_normalizeSql<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    sql: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        sanitize(env, handle, &sql, |e, s| e.normalize_sql(s))
    })
}

/// The SQL normaliser in the dialect `dialect` names; `IllegalArgumentException` naming any
/// other name.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_normalizeSqlDialect<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    sql: JString<'local>,
    dialect: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let (name, _) = text::read(env, &dialect)?;
        let dialect = name
            .parse::<scrubjay::SqlDialect>()
            .map_err(|e| Failure::Argument(e.to_string()))?;
        sanitize(env, handle, &sql, |e, s| e.normalize_sql_as(s, dialect))
    })
}

/// The header sanitizer, for one header.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_sanitizeHeader<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    name: JString<'local>,
    value: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let (name, _) = text::read(env, &name)?;
        sanitize(env, handle, &value, |e, s| e.sanitize_header(&name, s))
    })
}

/// The policy's baggage rules on a `baggage` header: `{String header, String[] keys,
/// String[] reasons}`, one key (null when the member had none) and reason per violation.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_sanitizeBaggage<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    header: JString<'local>,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let e = engine(handle)?;
        let (s, _) = text::read(env, &header)?;
        let out = e.sanitize_baggage(&s);
        // SAFETY: each call returns a live local reference to a new String or String[].
        let (header, reasons) = unsafe {
            (
                JObject::from_raw(text::new_string(env, &out.header)?),
                JObject::from_raw(string_array(
                    env,
                    &out.violations.iter().map(|v| v.reason).collect::<Vec<_>>(),
                )?),
            )
        };
        let keys = env.new_object_array(
            out.violations.len() as i32,
            "java/lang/String",
            JObject::null(),
        )?;
        for (i, v) in out.violations.iter().enumerate() {
            if let Some(k) = &v.key {
                let k = JObject::from(env.new_string(k)?);
                env.set_object_array_element(&keys, i as i32, &k)?;
                env.delete_local_ref(k)?;
            }
        }
        let triple = env.new_object_array(3, "java/lang/Object", JObject::null())?;
        env.set_object_array_element(&triple, 0, &header)?;
        env.set_object_array_element(&triple, 1, &keys)?;
        env.set_object_array_element(&triple, 2, &reasons)?;
        Ok(triple.into_raw())
    })
}

/// Checks a `traceparent` header: null when it is valid, else the reason.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_validateTraceparent<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    header: JString<'local>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let (s, _) = text::read(env, &header)?;
        match scrubjay::validate_traceparent(&s) {
            Ok(()) => Ok(std::ptr::null_mut()),
            Err(e) => text::new_string(env, e.reason()),
        }
    })
}
