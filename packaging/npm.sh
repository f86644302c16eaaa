#!/usr/bin/env bash
# The npm packages, in napi-rs's per-platform layout: `scrubjay-<platform>-<version>.tgz`, the
# release addon alone in a package whose os/cpu/libc fields let npm skip it elsewhere, and
# `scrubjay-<version>.tgz`, the JavaScript that loads it, with the platform packages as
# optional dependencies and no install script (installing it compiles nothing). Both are
# assembled under target/npm/, not in the source tree, where developers keep building in place.
# Platform package templates: bindings-node/npm/<platform>/; this builds the one of this
# machine. Usage: packaging/npm.sh [OUT] (default dist).
set -euo pipefail
out=${1:-dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
stage=target/npm
mkdir -p "$out"
out_abs=$(cd "$out" && pwd)

fail() { echo "packaging/npm.sh: $*" >&2; exit 1; }

# The release addon, as `npm test` builds it (needs the dev dependencies: @napi-rs/cli).
(
  cd bindings-node
  [ -d node_modules/@napi-rs/cli ] || npm ci --no-audit --no-fund >&2
  npm run build >&2
)

# Every manifest must already say the workspace's version (packaging/test/versions.sh).
manifest_version() { node -p 'require(process.argv[1]).version' "$PWD/$1"; }
[ "$(manifest_version bindings-node/package.json)" = "$version" ] ||
  fail "bindings-node/package.json is not at version $version"

rm -rf "$stage" && mkdir -p "$stage"
platforms=()
built=0
for template in bindings-node/npm/*/; do
  platform=$(basename "$template")
  [ "$(manifest_version "$template/package.json")" = "$version" ] ||
    fail "${template}package.json is not at version $version"
  platforms+=("$platform")
  addon=bindings-node/scrubjay.$platform.node
  # Only this machine's addon is built here; the others come from their own machines.
  [ -f "$addon" ] || continue
  dir=$stage/$platform
  mkdir -p "$dir"
  cp "$template/package.json" "$template/README.md" "$dir/"
  # The release profile keeps line tables for profiling; a package does not need them.
  strip --strip-debug -o "$dir/scrubjay.$platform.node" "$addon"
  (cd "$dir" && npm pack --pack-destination "$out_abs" --silent >/dev/null)
  [ -f "$out/scrubjay-$platform-$version.tgz" ] || fail "npm pack wrote no scrubjay-$platform-$version.tgz"
  echo "$out/scrubjay-$platform-$version.tgz"
  built=$((built + 1))
done
[ "$built" -gt 0 ] || fail "no addon built for any template in bindings-node/npm/"

# The main package: the files bindings-node/package.json lists (as npm itself selects them),
# and a manifest that depends on every platform package and keeps nothing for development.
dir=$stage/scrubjay
mkdir -p "$dir"
(cd bindings-node && npm pack --dry-run --json --silent) |
  node -e '
    const files = JSON.parse(require("fs").readFileSync(0, "utf8"))[0].files.map((f) => f.path)
    console.log(files.filter((f) => f !== "package.json").join("\n"))' |
  while IFS= read -r file; do
    mkdir -p "$dir/$(dirname "$file")"
    cp "bindings-node/$file" "$dir/$file"
  done
node -e '
  const fs = require("fs")
  const [source, target, version, ...platforms] = process.argv.slice(1)
  const pkg = JSON.parse(fs.readFileSync(source, "utf8"))
  delete pkg.scripts
  delete pkg.devDependencies
  pkg.optionalDependencies = Object.fromEntries(platforms.map((p) => [`scrubjay-${p}`, version]))
  fs.writeFileSync(target, JSON.stringify(pkg, null, 2) + "\n")
' bindings-node/package.json "$dir/package.json" "$version" "${platforms[@]}"
if find "$dir" -name '*.node' | grep -q .; then fail "the main package would carry a .node file"; fi
(cd "$dir" && npm pack --pack-destination "$out_abs" --silent >/dev/null)
[ -f "$out/scrubjay-$version.tgz" ] || fail "npm pack wrote no scrubjay-$version.tgz"
echo "$out/scrubjay-$version.tgz"
