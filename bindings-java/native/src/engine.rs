//! Engines: compiling a policy into a handle, freeing it, and what Java needs to know of it.

use jni::objects::{JClass, JLongArray, JObject, JString, JValue};
use jni::sys::{jint, jlong, jobjectArray, jstring};
use jni::JNIEnv;

use crate::boundary::{guard, Failure, Outcome};
use crate::text;

/// The engine behind a handle.
///
/// The Java side hands over only handles that `compile` returned and that are not freed yet:
/// `NativeResource` counts the calls in flight and frees after the last one. 0 never names
/// an engine.
pub(crate) fn engine<'a>(handle: jlong) -> Outcome<&'a scrubjay::Engine> {
    if handle == 0 {
        return Err(Failure::State("scrubjay: the engine is closed".into()));
    }
    // SAFETY: a non-zero handle is a live `Box<Engine>` leaked by `into_handle` (see above).
    Ok(unsafe { &*(handle as *const scrubjay::Engine) })
}

fn into_handle(engine: scrubjay::Engine) -> jlong {
    Box::into_raw(Box::new(engine)) as jlong
}

/// `dev.scrubjay.PolicyException(message, rule, field, position, line, column)`, thrown.
pub(crate) fn throw_policy_error(
    env: &mut JNIEnv<'_>,
    e: &scrubjay::PolicyError,
) -> jni::errors::Result<()> {
    let message = JObject::from(env.new_string(e.to_string())?);
    let rule = optional_string(env, &e.rule)?;
    let field = optional_string(env, &e.field)?;
    let number =
        |n: Option<usize>| JValue::Int(n.map_or(-1, |n| jint::try_from(n).unwrap_or(jint::MAX)));
    let error = env.new_object(
        "dev/scrubjay/PolicyException",
        "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;III)V",
        &[
            JValue::Object(&message),
            JValue::Object(&rule),
            JValue::Object(&field),
            number(e.position),
            number(e.line),
            number(e.column),
        ],
    )?;
    env.throw(jni::objects::JThrowable::from(error))
}

fn optional_string<'l>(
    env: &mut JNIEnv<'l>,
    s: &Option<String>,
) -> jni::errors::Result<JObject<'l>> {
    Ok(match s {
        Some(s) => JObject::from(env.new_string(s)?),
        None => JObject::null(),
    })
}

/// The engine of the embedded default policy.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_compileDefault(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
) -> jlong {
    guard(&mut env, 0, |_| {
        Ok(into_handle(scrubjay::Engine::default()))
    })
}

/// Compiles JSON or YAML policy text; throws `PolicyException` when it is invalid.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_compile(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    policy: JString<'_>,
) -> jlong {
    guard(&mut env, 0, |env| {
        let (policy, _) = text::read(env, &policy)?;
        scrubjay::Engine::from_policy_text(&policy)
            .map(into_handle)
            .map_err(Failure::Policy)
    })
}

/// Frees an engine. Java calls it once per handle, when no call on it is running.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_free(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) {
    guard(&mut env, (), |_| {
        if handle != 0 {
            // SAFETY: `handle` came from `into_handle` and is freed only here, once.
            drop(unsafe { Box::from_raw(handle as *mut scrubjay::Engine) });
        }
        Ok(())
    })
}

/// `limits.max_value_bytes`, `limits.max_depth` and `limits.max_nodes`, which the Java
/// conversion of attribute maps applies as the core's walk does.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_limits(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
    out: JLongArray<'_>,
) {
    guard(&mut env, (), |env| {
        let limits = &engine(handle)?.policy().limits;
        let clamp = |n: usize| jlong::try_from(n).unwrap_or(jlong::MAX);
        let values = [
            clamp(limits.max_value_bytes),
            clamp(limits.max_depth),
            clamp(limits.max_nodes),
        ];
        env.set_long_array_region(&out, 0, &values)?;
        Ok(())
    })
}

/// The ids of the content rules, in policy order.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_rules(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let ids: Vec<&str> = engine(handle)?.content_rule_ids().collect();
        string_array(env, &ids)
    })
}

/// Warnings the policy compiled with.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_warnings(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let warnings: Vec<&str> = engine(handle)?.warnings().iter().map(|s| &**s).collect();
        string_array(env, &warnings)
    })
}

/// The embedded default policy, as JSON text.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_defaultPolicy(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        text::new_string(env, scrubjay::DEFAULT_POLICY_JSON)
    })
}

/// The core's version.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_version(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        text::new_string(env, scrubjay::VERSION)
    })
}

/// A `String[]` of `items`; `None` items are null.
pub(crate) fn string_array<S: AsRef<str>>(
    env: &mut JNIEnv<'_>,
    items: &[S],
) -> Outcome<jobjectArray> {
    let array = env.new_object_array(items.len() as i32, "java/lang/String", JObject::null())?;
    for (i, item) in items.iter().enumerate() {
        // SAFETY: `new_string` returns a live local reference to a new String.
        let s = unsafe { JObject::from_raw(text::new_string(env, item.as_ref())?) };
        env.set_object_array_element(&array, i as i32, &s)?;
        env.delete_local_ref(s)?;
    }
    Ok(array.into_raw())
}
