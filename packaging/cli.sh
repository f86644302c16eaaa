#!/usr/bin/env bash
# The `scrubjay` command for linux x86_64 as a tarball: statically linked (glibc included,
# `+crt-static`), so it runs on any x86_64 Linux whatever its C library, next to the README and
# the policy reference. Usage: packaging/cli.sh [OUT] (default dist).
set -euo pipefail
out=${1:-dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target=x86_64-unknown-linux-gnu
name=scrubjay-cli-$version-linux-x86_64
# A target of its own: the static flags must not rebuild the workspace's usual release build.
RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked -p scrubjay-cli \
  --target "$target" --target-dir target/dist-cli
bin=target/dist-cli/$target/release/scrubjay
if readelf -d "$bin" | grep -q NEEDED; then
  echo "packaging/cli.sh: $bin still needs shared libraries:" >&2
  readelf -d "$bin" | grep NEEDED >&2
  exit 1
fi
stage=target/dist-cli/stage/$name
rm -rf "$stage" && mkdir -p "$stage/docs"
# The release profile keeps line tables for profiling; the shipped command does not need them.
strip --strip-debug -o "$stage/scrubjay" "$bin"
chmod 755 "$stage/scrubjay"
install -m 644 README.md CHANGELOG.md "$stage/"
install -m 644 docs/policy.md "$stage/docs/"
mkdir -p "$out"
tar -C "$(dirname "$stage")" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
