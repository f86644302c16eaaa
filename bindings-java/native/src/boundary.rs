//! The one panic boundary every exported function goes through, and how failures become Java
//! exceptions.

use std::panic::{catch_unwind, AssertUnwindSafe};

use jni::JNIEnv;

/// Why a call returns to Java without a result. The boundary throws it.
pub(crate) enum Failure {
    /// A JNI call failed; when it was a Java exception, that exception is already pending.
    Jni(jni::errors::Error),
    /// `IllegalArgumentException` with this message (a malformed argument).
    Argument(String),
    /// `IllegalStateException` with this message (a closed or unknown handle).
    State(String),
    /// `dev.scrubjay.PolicyException`.
    Policy(scrubjay::PolicyError),
    /// `dev.scrubjay.KeyRingException` with the core's message (which never holds a key).
    KeyRing(scrubjay::KeyRingError),
}

impl From<jni::errors::Error> for Failure {
    fn from(e: jni::errors::Error) -> Failure {
        Failure::Jni(e)
    }
}

pub(crate) type Outcome<T> = Result<T, Failure>;

/// Runs `f`; an `Err` or a panic becomes a pending Java exception and `fallback` is returned
/// (Java never reads it: the exception is thrown as the native method returns).
pub(crate) fn guard<'local, T>(
    env: &mut JNIEnv<'local>,
    fallback: T,
    f: impl FnOnce(&mut JNIEnv<'local>) -> Outcome<T>,
) -> T {
    match catch_unwind(AssertUnwindSafe(|| f(env))) {
        Ok(Ok(value)) => value,
        Ok(Err(failure)) => {
            throw(env, failure);
            fallback
        }
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            throw(
                env,
                Failure::State(format!(
                    "scrubjay: internal error in the native library: {what}"
                )),
            );
            fallback
        }
    }
}

fn throw(env: &mut JNIEnv<'_>, failure: Failure) {
    if env.exception_check().unwrap_or(true) {
        // A Java exception is pending already (thrown by the JVM in a JNI call): it says more.
        return;
    }
    // If throwing fails the JVM is out of memory, and an OutOfMemoryError is pending.
    let _ = match failure {
        Failure::Jni(e) => {
            env.throw_new("java/lang/IllegalStateException", format!("scrubjay: {e}"))
        }
        Failure::Argument(m) => env.throw_new("java/lang/IllegalArgumentException", m),
        Failure::State(m) => env.throw_new("java/lang/IllegalStateException", m),
        Failure::Policy(e) => crate::engine::throw_policy_error(env, &e),
        Failure::KeyRing(e) => env.throw_new("dev/scrubjay/KeyRingException", e.to_string()),
    };
}
