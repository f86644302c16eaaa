#!/usr/bin/env bash
# The `scrubjay` command from its tarball, elsewhere: it runs with no shared library but the
# kernel's, redacts, and makes and reads a key ring. Usage: packaging/test/cli.sh DIST
set -euo pipefail
dist=$(cd "$1" && pwd)
source "$(dirname "$0")/clean-env.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
tar -xzf "$dist"/scrubjay-cli-*-linux-x86_64.tar.gz
bin=$(echo "$work"/scrubjay-cli-*/scrubjay)
if ldd "$bin" 2>&1 | grep -q '=>'; then
  echo "packaging/test/cli.sh: the command needs shared libraries:" >&2
  ldd "$bin" >&2
  exit 1
fi
out=$(echo 'mail jane.doe@example.com' | "$bin" redact --format text)
test "$out" = "mail [REDACTED:email]" || { echo "redact gave: $out" >&2; exit 1; }
"$bin" keys new ring.json --id k1 2>/dev/null
"$bin" keys list ring.json | grep -q '^k1' || { echo "keys list lacks k1" >&2; exit 1; }
version=$(basename "$(dirname "$bin")" | sed 's/^scrubjay-cli-\(.*\)-linux-x86_64$/\1/')
"$bin" --version | grep -q "$version" || { echo "--version does not say $version" >&2; exit 1; }
echo "packaging/test/cli.sh: the static scrubjay $version redacts and manages key rings"
