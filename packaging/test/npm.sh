#!/usr/bin/env bash
# Installs the npm packages of a dist directory into empty npm projects, outside the source
# tree and with no Rust toolchain on the PATH, and checks that they work: the default engine
# redacts, the version is the packages' and nothing but the two packages got installed; and
# that without the platform package, loading scrubjay fails with an error naming the
# platform. Usage: packaging/test/npm.sh DIST (an absolute path).
set -euo pipefail
dist=${1:?usage: packaging/test/npm.sh DIST}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=clean-env.sh
source "$here/clean-env.sh"

fail() { echo "test/npm.sh: $*" >&2; exit 1; }

shopt -s nullglob
mains=("$dist"/scrubjay-[0-9]*.tgz)
[ "${#mains[@]}" = 1 ] || fail "expected one scrubjay-<version>.tgz in $dist, found ${#mains[@]}"
main=${mains[0]}
version=${main##*/scrubjay-}
version=${version%.tgz}
platform_pkg=$dist/scrubjay-linux-x64-gnu-$version.tgz
[ -f "$platform_pkg" ] || fail "no $platform_pkg"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# A cache of its own: nothing from an earlier install (or a build) can stand in for the tarballs.
export npm_config_cache=$work/npm-cache npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm_config_loglevel=warn

# 1. Both packages, as npm would fetch them.
mkdir app && cd app
npm init -y >/dev/null
npm install "$platform_pkg" "$main"
node -e '
  const assert = require("node:assert/strict"), fs = require("node:fs")
  const installed = fs.readdirSync("node_modules").filter((n) => !n.startsWith(".")).sort()
  assert.deepEqual(installed, ["scrubjay", "scrubjay-linux-x64-gnu"], "unexpected packages installed")
  for (const name of installed) {
    const { scripts = {} } = require(`./node_modules/${name}/package.json`)
    for (const hook of ["preinstall", "install", "postinstall"]) assert.ok(!(hook in scripts), `${name} has an ${hook} script`)
  }
  assert.ok(!fs.readdirSync("node_modules/scrubjay", { recursive: true }).some((f) => String(f).endsWith(".node")), "the main package carries a .node file")
'
node -e '
  const scrubjay = require("scrubjay"), assert = require("node:assert/strict")
  assert.equal(new scrubjay.Engine().redact("mail jane.doe@example.org now"), "mail [REDACTED:email] now")
  assert.equal(scrubjay.version, process.argv[1])
' "$version"
node --input-type=module -e '
  import { Engine, version } from "scrubjay"
  if (new Engine().redact("a@example.com") !== "[REDACTED:email]" || version !== process.argv[1]) process.exit(1)
' "$version"
# The addon came from the platform package (the main one has none).
node -e '
  const p = require.resolve("scrubjay-linux-x64-gnu")
  if (!p.startsWith(process.cwd() + "/node_modules/scrubjay-linux-x64-gnu/")) throw new Error(p)
'
# On a platform with no package (32-bit x86 here, pretended), the error names it and the
# platforms that have one.
echo 'Object.defineProperty(process, "arch", { value: "ia32" })' >"$work/ia32.js"
node -r "$work/ia32.js" -e '
  try { require("scrubjay") } catch (e) {
    if (e.code === "SCRUBJAY_NO_ADDON" && e.message.includes("linux-ia32") &&
        e.message.includes("no prebuilt package") && e.message.includes("linux-x64-gnu")) process.exit(0)
    console.error(e.message); process.exit(1)
  }
  console.error("scrubjay loaded for ia32"); process.exit(1)
' || fail "no clear error for a platform without a package"
cd ..

# 2. The main package alone, its optional platform package left out.
mkdir bare && cd bare
npm init -y >/dev/null
npm install --omit=optional "$main"
[ ! -e node_modules/scrubjay-linux-x64-gnu ] || fail "--omit=optional still installed the platform package"
node -e '
  try { require("scrubjay") } catch (e) {
    const { platform, arch } = process
    const named = e.message.includes(`${platform}-${arch}-gnu`) && e.message.includes(`${platform} ${arch}`) && e.message.includes("glibc")
    if (e.code === "SCRUBJAY_NO_ADDON" && named && e.message.includes("scrubjay-linux-x64-gnu is not installed")) {
      console.log(e.message); process.exit(0)
    }
    console.error(e.message); process.exit(1)
  }
  console.error("scrubjay loaded without its platform package"); process.exit(1)
' || fail "no clear error without the platform package"

echo "test/npm.sh: scrubjay $version installs from the tarballs and works; without its platform package it says so"
