#!/usr/bin/env bash
# The C/Go archive: OUT/libscrubjay-VERSION-linux-x86_64.tar.gz, one folder libscrubjay-VERSION/
# holding what `make install` puts in a prefix (lib/libscrubjay.a, lib/libscrubjay.so.VERSION
# with the links libscrubjay.so.ABI and libscrubjay.so, include/scrubjay.h,
# lib/pkgconfig/scrubjay.pc), the README, and go/: the Go package's sources (the module
# github.com/scrubjay/scrubjay/bindings-go, with its otel module in go/otel, tests left out),
# for a `replace` directive until the module is published. scrubjay.pc finds the rest relative
# to itself (prefix=${pcfiledir}/../..), so the folder works wherever it is unpacked:
#
#   PKG_CONFIG_PATH=$PWD/libscrubjay-VERSION/lib/pkgconfig cc app.c $(pkg-config --cflags --libs scrubjay)
#
# The libraries lose their debug sections (the release profile keeps line tables). Staged
# under target/dist-c/. Usage: packaging/c.sh [OUT] (default dist), from the repository root.
set -euo pipefail
out=${1:-dist}
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name=libscrubjay-$VERSION
stage=$PWD/target/dist-c/$name
archive=$name-linux-x86_64.tar.gz
fail() { echo "packaging/c.sh: $*" >&2; exit 1; }

case $(uname -s)-$(uname -m) in
  Linux-x86_64) ;;
  *) fail "this archive is named for linux-x86_64, not $(uname -s)-$(uname -m)" ;;
esac

rm -rf "$stage"
mkdir -p "$(dirname "$stage")" "$out"
# The same build and layout as an install (cargo build --release --locked inside).
make --no-print-directory install PREFIX="$stage" DESTDIR=
lib=$stage/lib
[ -f "$lib/libscrubjay.so.$VERSION" ] || fail "make install did not write lib/libscrubjay.so.$VERSION"
strip --strip-debug "$lib/libscrubjay.a" "$lib/libscrubjay.so.$VERSION"

abi=$(sed -n 's/^#define SCRUBJAY_ABI_VERSION //p' "$stage/include/scrubjay.h")
soname=$(readelf -d "$lib/libscrubjay.so.$VERSION" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libscrubjay.so.$abi" ] || fail "the soname is '$soname', the header's ABI version $abi"
[ "$(readlink "$lib/libscrubjay.so.$abi")" = "libscrubjay.so.$VERSION" ] || fail "lib/$soname is not a link to libscrubjay.so.$VERSION"

sed -i 's|^prefix=.*|prefix=${pcfiledir}/../..|' "$lib/pkgconfig/scrubjay.pc"
grep -qx 'prefix=${pcfiledir}/../..' "$lib/pkgconfig/scrubjay.pc" || fail "scrubjay.pc has no prefix line"
if grep -q "$stage" "$lib/pkgconfig/scrubjay.pc"; then fail "scrubjay.pc names the staging folder"; fi

for doc in README.md LICENSE LICENSE-APACHE LICENSE.txt NOTICE; do
  if [ -f "$doc" ]; then cp "$doc" "$stage/"; fi
done

# The Go sources as the repository tracks them, without tests (some read the repository).
git ls-files --error-unmatch bindings-go/go.mod >/dev/null || fail "needs a git checkout (the Go sources are its tracked files)"
git ls-files bindings-go | grep -v '_test\.go$' | while IFS= read -r file; do
  dest=$stage/go/${file#bindings-go/}
  mkdir -p "$(dirname "$dest")"
  cp "$file" "$dest"
done
grep -q '^module github.com/scrubjay/scrubjay/bindings-go$' "$stage/go/go.mod" || fail "go/go.mod is not the binding's"

# The newest glibc symbol version the library needs (the archive holds the same code). When
# the wheel is already in OUT, its manylinux tag must not promise an older glibc.
needed=$(objdump -T "$lib/libscrubjay.so.$VERSION" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -1)
[ -n "$needed" ] || fail "found no GLIBC symbol versions in libscrubjay.so (is objdump working?)"
echo "packaging/c.sh: libscrubjay.so (soname $soname) needs glibc $needed"
for wheel in "$out"/scrubjay-"$VERSION"-*manylinux*.whl; do
  [ -f "$wheel" ] || continue
  tags=$(basename "$wheel" .whl); tags=${tags##*-}
  promised=$(printf '%s\n' ${tags//./ } | sed -n 's/^manylinux_\([0-9]*\)_\([0-9]*\)_x86_64$/\1.\2/p;
    s/^manylinux2014_x86_64$/2.17/p; s/^manylinux2010_x86_64$/2.12/p; s/^manylinux1_x86_64$/2.5/p' | sort -V | head -1)
  [ -n "$promised" ] || continue
  if [ "$(printf '%s\n' "$needed" "$promised" | sort -V | tail -1)" != "$promised" ]; then
    fail "libscrubjay.so needs glibc $needed, newer than the $promised of $(basename "$wheel")"
  fi
  echo "packaging/c.sh: no newer than the glibc $promised of $(basename "$wheel")"
done

# Stable bytes for the same inputs: sorted names, no owners, the last commit's time.
mtime=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" \
  -C "$(dirname "$stage")" -cf - "$name" | gzip -9n > "$out/$archive"

echo "$out/$archive"
