#!/usr/bin/env bash
# The Python package for linux x86_64: an abi3 wheel (CPython >= 3.9) in release mode and the
# sdist, built by maturin (the version bindings-python/requirements-dev.txt pins, in a virtualenv
# of its own under target/). The wheel's manylinux tag is maturin's choice, checked here against
# the extension module itself: the newest glibc symbol version it needs must not be newer than
# the tag promises, and it may need no shared library outside the manylinux set. The sdist must
# hold every file the build reads, and its workspace must resolve offline without a package its
# Cargo.lock does not pin.
# Usage: packaging/python.sh [OUT] (default dist).
set -euo pipefail
out=${1:-dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
venv=target/dist-venv
work=target/dist-python
fail() { echo "packaging/python.sh: $*" >&2; exit 1; }

maturin_req=$(grep '^maturin==' bindings-python/requirements-dev.txt) ||
  fail "bindings-python/requirements-dev.txt pins no maturin version"
if [ ! -x "$venv/bin/maturin" ] || [ "$("$venv/bin/maturin" --version)" != "maturin ${maturin_req#maturin==}" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "$maturin_req"
fi

rm -rf "$work" && mkdir -p "$work/wheel" "$work/sdist" "$work/check"
"$venv/bin/maturin" build --release --locked --strip -m bindings-python/Cargo.toml \
  --interpreter "$venv/bin/python" --out "$work/wheel"
"$venv/bin/maturin" sdist -m bindings-python/Cargo.toml --out "$work/sdist"

# --- The wheel -------------------------------------------------------------------------------
shopt -s nullglob
wheels=("$work"/wheel/*.whl)
[ "${#wheels[@]}" = 1 ] || fail "expected one wheel in $work/wheel, found ${#wheels[@]}"
wheel=${wheels[0]}
wheel_name=$(basename "$wheel")
case $wheel_name in
  "scrubjay-$version-cp39-abi3-"*.whl) ;;
  *) fail "$wheel_name is not scrubjay $version for cp39-abi3" ;;
esac
platform_tags=${wheel_name#"scrubjay-$version-cp39-abi3-"}
platform_tags=${platform_tags%.whl}

# The newest glibc any of the tags stands for is not what counts: pip installs the wheel where
# any one of them matches, so the oldest glibc named is the promise.
promised=
for tag in ${platform_tags//./ }; do
  case $tag in
    manylinux1_x86_64) glibc=2.5 ;;
    manylinux2010_x86_64) glibc=2.12 ;;
    manylinux2014_x86_64) glibc=2.17 ;;
    manylinux_[0-9]*_[0-9]*_x86_64)
      glibc=${tag#manylinux_}; glibc=${glibc%_x86_64}; glibc=${glibc/_/.} ;;
    *) fail "$wheel_name has the platform tag $tag, not a manylinux tag for x86_64" ;;
  esac
  if [ -z "$promised" ] || [ "$(printf '%s\n' "$glibc" "$promised" | sort -V | head -1)" = "$glibc" ]; then
    promised=$glibc
  fi
done

"$venv/bin/python" -m zipfile -e "$wheel" "$work/check/wheel"
modules=("$work"/check/wheel/scrubjay/_scrubjay*.so)
[ "${#modules[@]}" = 1 ] || fail "$wheel_name holds ${#modules[@]} extension modules scrubjay/_scrubjay*.so"
module=${modules[0]}
case $(basename "$module") in
  *.abi3.so) ;;
  *) fail "$wheel_name: $(basename "$module") is not an abi3 module" ;;
esac
needed=$(objdump -T "$module" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -uV | tail -1)
[ -n "$needed" ] || fail "found no GLIBC symbol versions in $(basename "$module") (is objdump working?)"
if [ "$(printf '%s\n' "$needed" "$promised" | sort -V | tail -1)" != "$promised" ]; then
  echo "packaging/python.sh: the symbols that need glibc $needed:" >&2
  objdump -T "$module" | grep "GLIBC_$needed" >&2
  fail "$wheel_name promises glibc $promised but its module needs glibc $needed"
fi
# The libraries every manylinux policy lets a wheel take from the system.
for lib in $(objdump -p "$module" | awk '$1 == "NEEDED" {print $2}'); do
  case $lib in
    libc.so.6 | libm.so.6 | libdl.so.2 | libpthread.so.0 | librt.so.1 | libgcc_s.so.1 | \
      ld-linux-x86-64.so.2 | libutil.so.1) ;;
    *) fail "$(basename "$module") needs $lib, which no manylinux policy provides" ;;
  esac
done
metadata=("$work"/check/wheel/scrubjay-"$version".dist-info/METADATA)
[ -f "${metadata[0]:-}" ] || fail "$wheel_name has no scrubjay-$version.dist-info/METADATA"
grep -qx "Version: $version" "${metadata[0]}" || fail "$wheel_name's METADATA does not say Version: $version"
grep -qx "Requires-Python: >=3.9" "${metadata[0]}" || fail "$wheel_name's METADATA does not say Requires-Python: >=3.9"
echo "packaging/python.sh: $wheel_name needs glibc $needed, its tag promises $promised"

# --- The sdist -------------------------------------------------------------------------------
sdist=$work/sdist/scrubjay-$version.tar.gz
[ -f "$sdist" ] || fail "maturin sdist did not write $sdist: $(ls "$work/sdist")"
top=scrubjay-$version
tar -tzf "$sdist" | sed "s|^$top/||" | sort -u > "$work/check/sdist-files"
# What pip needs at the top, then every tracked file of the two crates the module is built from:
# the bindings and the core crate they depend on by path. maturin moves the bindings' pyproject
# and python-source folder to the top and their readme to README.md beside them.
missing=()
for file in PKG-INFO pyproject.toml Cargo.toml Cargo.lock README.md \
  $(git ls-files bindings-python/Cargo.toml bindings-python/src bindings-python/python \
    core/Cargo.toml core/build.rs core/src core/rules | sed 's|^bindings-python/python/|python/|'); do
  grep -qxF "$file" "$work/check/sdist-files" || missing+=("$file")
done
[ "${#missing[@]}" = 0 ] || fail "$(basename "$sdist") lacks ${missing[*]}"
tar -xzf "$sdist" -C "$work/check"
cmp -s "$work/check/$top/README.md" bindings-python/README.md ||
  fail "$(basename "$sdist")'s README.md is not bindings-python/README.md"
grep -q '^Description-Content-Type: text/markdown' "$work/check/$top/PKG-INFO" ||
  fail "$(basename "$sdist")'s PKG-INFO carries no Markdown readme"
# The sdist's own workspace (its root Cargo.toml, trimmed to the members it holds) must resolve
# offline with its Cargo.lock. The lock is the whole repository's, so cargo prunes the other
# members' packages from it; it must not need to add or change a single package.
manifest=$(sed -n 's/^manifest-path = "\(.*\)"/\1/p' "$work/check/$top/pyproject.toml")
lock_packages() { awk '/^\[\[package\]\]/ {n = ""} /^name = / {n = $3} /^version = / && n != "" {print n, $3}' "$1" | sort; }
lock_packages "$work/check/$top/Cargo.lock" > "$work/check/lock-before"
cargo metadata --format-version 1 --offline \
  --manifest-path "$work/check/$top/${manifest:-Cargo.toml}" > /dev/null ||
  fail "the workspace in $(basename "$sdist") does not resolve"
lock_packages "$work/check/$top/Cargo.lock" > "$work/check/lock-after"
if [ -n "$(comm -13 "$work/check/lock-before" "$work/check/lock-after")" ]; then
  fail "building $(basename "$sdist") needs packages its Cargo.lock does not pin: $(comm -13 "$work/check/lock-before" "$work/check/lock-after" | paste -sd, -)"
fi

mkdir -p "$out"
rm -f "$out"/scrubjay-*-cp39-abi3-*.whl "$out/scrubjay-$version.tar.gz"
cp "$wheel" "$sdist" "$out/"
echo "$out/$wheel_name"
echo "$out/scrubjay-$version.tar.gz"
