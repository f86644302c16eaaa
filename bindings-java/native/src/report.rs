//! Reports: counts of what was redacted, kept natively and read by `dev.scrubjay.Report`.

use std::sync::Mutex;

use jni::objects::{JClass, JLongArray, JObject};
use jni::sys::{jlong, jobjectArray};
use jni::JNIEnv;

use crate::boundary::{guard, Failure, Outcome};
use crate::engine::{engine, string_array};

type Shared = Mutex<scrubjay::Report>;

/// The report behind a handle, or `None` for 0 (a call without a report).
fn report<'a>(handle: jlong) -> Option<&'a Shared> {
    // SAFETY: a non-zero handle is a live `Box<Shared>` leaked by `reportNew`; Java frees it
    // once, after the last call that uses it (`NativeResource`).
    (handle != 0).then(|| unsafe { &*(handle as *const Shared) })
}

/// Runs `f` counting into a private report, then adds those counts to the report behind
/// `handle` under its lock: the lock is never held while the engine works, so threads that
/// share a report do not wait for each other's scans.
pub(crate) fn with_report<T>(
    handle: jlong,
    f: impl FnOnce(Option<&mut scrubjay::Report>) -> T,
) -> Outcome<T> {
    let Some(shared) = report(handle) else {
        return Ok(f(None));
    };
    let mut local = lock(shared)?.clone();
    local.clear();
    let out = f(Some(&mut local));
    lock(shared)?.merge(&local);
    Ok(out)
}

fn lock(shared: &Shared) -> Outcome<std::sync::MutexGuard<'_, scrubjay::Report>> {
    // A panic while the lock was held left counts half-merged at worst: still counts.
    Ok(shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// A new, empty report for the engine's rules.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_reportNew(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    engine_handle: jlong,
) -> jlong {
    guard(&mut env, 0, |_| {
        let shared: Box<Shared> = Box::new(Mutex::new(engine(engine_handle)?.new_report()));
        Ok(Box::into_raw(shared) as jlong)
    })
}

/// Frees a report (once per handle, when no call uses it).
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_reportFree(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) {
    guard(&mut env, (), |_| {
        if handle != 0 {
            // SAFETY: `handle` came from `reportNew` and is freed only here, once.
            drop(unsafe { Box::from_raw(handle as *mut Shared) });
        }
        Ok(())
    })
}

/// Zeroes every count.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_reportClear(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) {
    guard(&mut env, (), |_| {
        let shared = report(handle).ok_or_else(|| Failure::State("scrubjay: no report".into()))?;
        lock(shared)?.clear();
        Ok(())
    })
}

/// The counts as `{String[] names, long[] counts}`: every rule with a non-zero count (in
/// policy order), then every action, then every fail-closed reason, then `denied`; the
/// groups are told apart by the name prefixes `rule:`, `action:`, `fail_closed:`.
#[no_mangle]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_reportCounts(
    mut env: JNIEnv<'_>,
    _class: JClass<'_>,
    handle: jlong,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let shared = report(handle).ok_or_else(|| Failure::State("scrubjay: no report".into()))?;
        let (names, counts) = {
            let r = lock(shared)?;
            let mut names: Vec<String> = Vec::new();
            let mut counts: Vec<jlong> = Vec::new();
            let mut push = |name: String, n: u64| {
                names.push(name);
                counts.push(jlong::try_from(n).unwrap_or(jlong::MAX));
            };
            for (rule, n) in r.counts() {
                push(format!("rule:{rule}"), n);
            }
            for kind in scrubjay::ActionKind::ALL {
                push(format!("action:{}", kind.name()), r.action_count(kind));
            }
            for reason in scrubjay::FailReason::ALL {
                push(
                    format!("fail_closed:{}", reason.name()),
                    r.fail_closed_count(reason),
                );
            }
            push("denied".into(), r.denied());
            (names, counts)
        };
        let names = string_array(env, &names)?;
        let values: JLongArray<'_> = env.new_long_array(counts.len() as i32)?;
        env.set_long_array_region(&values, 0, &counts)?;
        let pair = env.new_object_array(2, "java/lang/Object", JObject::null())?;
        // SAFETY: `string_array` returns a live local reference to a new String[].
        let names = unsafe { JObject::from_raw(names) };
        env.set_object_array_element(&pair, 0, &names)?;
        env.set_object_array_element(&pair, 1, &values)?;
        Ok(pair.into_raw())
    })
}
