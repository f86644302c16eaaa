//! The library version.

use std::ffi::c_char;

/// The version of the library, `MAJOR.MINOR.PATCH`, NUL-terminated, static. Compare with the
/// `SCRUBJAY_VERSION_*` macros of the header you compiled against.
#[no_mangle]
pub extern "C" fn scrubjay_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
