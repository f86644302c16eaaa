#!/usr/bin/env bash
# One version for every artifact: the workspace's (Cargo.toml), which each crate inherits and
# which the C header, the npm packages, the Maven pom, the Go outside-the-tree test and the
# changelog's latest entry must repeat. Run from the repository root; no build needed.
set -euo pipefail
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
fail=0
check() { # what, found
  if [ "$2" != "$version" ]; then
    echo "versions: $1 says '$2', the workspace says '$version'" >&2
    fail=1
  fi
}
for manifest in core/Cargo.toml ffi/Cargo.toml cli/Cargo.toml bindings-python/Cargo.toml \
  bindings-node/Cargo.toml bindings-java/native/Cargo.toml; do
  grep -q '^version.workspace = true' "$manifest" || { echo "versions: $manifest does not inherit the workspace version" >&2; fail=1; }
done
check include/scrubjay.h "$(sed -n 's/^#define SCRUBJAY_VERSION_[A-Z]* //p' include/scrubjay.h | paste -sd. -)"
check bindings-node/package.json "$(sed -n 's/^  "version": "\(.*\)",/\1/p' bindings-node/package.json)"
for platform in bindings-node/npm/*/package.json; do
  [ -e "$platform" ] || continue
  check "$platform" "$(sed -n 's/^  "version": "\(.*\)",/\1/p' "$platform")"
done
if grep -q '"optionalDependencies"' bindings-node/package.json; then
  for dep in $(sed -n 's/^ *"scrubjay-[a-z0-9-]*": "\(.*\)",\{0,1\}$/\1/p' bindings-node/package.json); do
    check "bindings-node/package.json optionalDependencies" "$dep"
  done
fi
check bindings-java/pom.xml "$(sed -n '0,/<version>/s/^  <version>\(.*\)<\/version>/\1/p' bindings-java/pom.xml)"
check bindings-go/outside_test.go "$(sed -n 's/^\tconst version = "v\(.*\)"/\1/p' bindings-go/outside_test.go)"
check CHANGELOG.md "$(sed -n 's/^## \[\([0-9][^]]*\)\].*/\1/p' CHANGELOG.md | head -1)"
if [ "$fail" = 0 ]; then echo "versions: every artifact says $version"; fi
exit "$fail"
