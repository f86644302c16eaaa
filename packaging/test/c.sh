#!/usr/bin/env bash
# Unpacks the C/Go archive from DIST in a temporary directory, with no Rust toolchain on the
# PATH and no inherited compiler, linker or pkg-config search paths, and builds a C program
# against it twice: with `pkg-config --cflags --libs scrubjay` (PKG_CONFIG_PATH at the unpacked
# lib/pkgconfig; links the static archive, so the program needs no libscrubjay at run time),
# and against the shared library (-L.../lib -lscrubjay, rpath), which must load as
# libscrubjay.so.<ABI> from the archive. Each run redacts an e-mail address with the default
# engine and prints the library's version and the header's ABI version.
# Usage: packaging/test/c.sh DIST (an absolute path).
set -euo pipefail
dist=${1:?usage: packaging/test/c.sh DIST}
case $dist in
  /*) ;;
  *) echo "packaging/test/c.sh: DIST must be an absolute path" >&2; exit 2 ;;
esac
source "$(dirname "${BASH_SOURCE[0]}")/clean-env.sh"
unset LD_LIBRARY_PATH LIBRARY_PATH CPATH C_INCLUDE_PATH PKG_CONFIG_PATH PKG_CONFIG_LIBDIR \
  PKG_CONFIG_SYSROOT_DIR CFLAGS LDFLAGS
fail() { echo "packaging/test/c.sh: $*" >&2; exit 1; }

# shellcheck source=packaging/test/unpack-libscrubjay.sh
source "$(dirname "${BASH_SOURCE[0]}")/unpack-libscrubjay.sh"
[ -d "$root" ] || fail "the archive has no top folder libscrubjay-$version/"
for file in lib/libscrubjay.a "lib/libscrubjay.so.$version" include/scrubjay.h lib/pkgconfig/scrubjay.pc; do
  [ -f "$root/$file" ] || fail "the archive lacks $file"
done
abi=$(sed -n 's/^#define SCRUBJAY_ABI_VERSION //p' "$root/include/scrubjay.h")
[ -n "$abi" ] || fail "include/scrubjay.h defines no SCRUBJAY_ABI_VERSION"
[ "$(readlink "$root/lib/libscrubjay.so.$abi")" = "libscrubjay.so.$version" ] || fail "lib/libscrubjay.so.$abi is not a link to libscrubjay.so.$version"
[ "$(readlink "$root/lib/libscrubjay.so")" = "libscrubjay.so.$abi" ] || fail "lib/libscrubjay.so is not a link to libscrubjay.so.$abi"

export PKG_CONFIG_PATH=$root/lib/pkgconfig
[ "$(pkg-config --modversion scrubjay)" = "$version" ] || fail "scrubjay.pc says version $(pkg-config --modversion scrubjay)"
[ "$(cd "$(pkg-config --variable=prefix scrubjay)" && pwd -P)" = "$(cd "$root" && pwd -P)" ] ||
  fail "scrubjay.pc's prefix is $(pkg-config --variable=prefix scrubjay), not the unpacked folder"

cat > app.c <<'EOF'
#include <stdio.h>
#include <string.h>
#include <scrubjay.h>

int main(void) {
    const char *in = "mail jane.doe@example.com about the invoice";
    uint8_t out[256];
    size_t len = 0;
    scrubjay_engine *engine = scrubjay_engine_new_default();
    if (engine == NULL) {
        fputs("no default engine\n", stderr);
        return 1;
    }
    scrubjay_status st = scrubjay_redact(engine, (const uint8_t *)in, strlen(in), out, sizeof out, &len);
    scrubjay_engine_free(engine);
    if (st != SCRUBJAY_STATUS_OK) {
        fprintf(stderr, "scrubjay_redact: status %d\n", (int)st);
        return 1;
    }
    printf("%.*s\n%s abi %d\n", (int)len, (const char *)out, scrubjay_version(), SCRUBJAY_ABI_VERSION);
    return 0;
}
EOF
want="mail [REDACTED:email] about the invoice
$version abi $abi"
flags=(-std=c99 -Wall -Wextra -Werror)

# shellcheck disable=SC2046 # pkg-config's output is a list of flags
cc "${flags[@]}" app.c $(pkg-config --cflags --libs scrubjay) -o app-static
if ldd app-static | grep -q libscrubjay; then fail "the pkg-config build needs a shared libscrubjay"; fi
got=$(./app-static) || fail "the pkg-config build failed"
[ "$got" = "$want" ] || fail "the pkg-config build printed '$got', not '$want'"

# shellcheck disable=SC2046
cc "${flags[@]}" app.c $(pkg-config --cflags scrubjay) -L"$root/lib" -lscrubjay -Wl,-rpath,"$root/lib" -o app-shared
readelf -d app-shared | grep -q "NEEDED.*\[libscrubjay.so.$abi\]" || fail "the shared build does not record libscrubjay.so.$abi"
ldd app-shared | grep -q "libscrubjay.so.$abi => $root/lib/libscrubjay.so.$abi " ||
  { ldd app-shared >&2; fail "the shared build does not load libscrubjay.so.$abi from the archive"; }
got=$(./app-shared) || fail "the shared build failed"
[ "$got" = "$want" ] || fail "the shared build printed '$got', not '$want'"

glibc() { objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -1; }
echo "packaging/test/c.sh: libscrubjay $version (soname libscrubjay.so.$abi) builds with pkg-config and as a shared library;" \
  "the static program needs glibc $(glibc app-static), libscrubjay.so glibc $(glibc "$root/lib/libscrubjay.so.$version")"
