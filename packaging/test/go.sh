#!/usr/bin/env bash
# Unpacks the C/Go archive from DIST in a temporary directory, with no Rust toolchain on the
# PATH, and builds a Go program in a module of its own against it. Until the binding module
# (github.com/scrubjay/scrubjay/bindings-go) is published, the archive carries its sources in
# go/ (see packaging/c.sh): the program's go.mod requires the module and a `replace` directive
# points it there; cgo finds the library with PKG_CONFIG_PATH at the unpacked lib/pkgconfig.
# The program redacts an e-mail address with the default engine and must run with no shared
# libscrubjay (scrubjay.pc links the static archive). The Go module and build caches are the
# user's. Usage: packaging/test/go.sh DIST (an absolute path).
set -euo pipefail
dist=${1:?usage: packaging/test/go.sh DIST}
case $dist in
  /*) ;;
  *) echo "packaging/test/go.sh: DIST must be an absolute path" >&2; exit 2 ;;
esac
source "$(dirname "${BASH_SOURCE[0]}")/clean-env.sh"
unset LD_LIBRARY_PATH LIBRARY_PATH CPATH C_INCLUDE_PATH PKG_CONFIG_PATH PKG_CONFIG_LIBDIR \
  PKG_CONFIG_SYSROOT_DIR CGO_CFLAGS CGO_LDFLAGS GOWORK
fail() { echo "packaging/test/go.sh: $*" >&2; exit 1; }

# shellcheck source=packaging/test/unpack-libscrubjay.sh
source "$(dirname "${BASH_SOURCE[0]}")/unpack-libscrubjay.sh"
module=$(sed -n 's/^module //p' "$root/go/go.mod")
[ -n "$module" ] || fail "the archive has no Go module in go/"

mkdir app
cat > app/go.mod <<EOF
module example.com/scrubjaycheck

go 1.22

require $module v$version

replace $module => $root/go
EOF
cat > app/main.go <<EOF
package main

import (
	"fmt"

	scrubjay "$module"
)

func main() {
	engine := scrubjay.Default()
	defer engine.Close()
	fmt.Println(engine.Redact("mail jane.doe@example.com about the invoice"))
}
EOF

export PKG_CONFIG_PATH=$root/lib/pkgconfig CGO_ENABLED=1 GOFLAGS=-mod=mod GOTOOLCHAIN=local
(cd app && go build -o scrubjaycheck .)
if ldd app/scrubjaycheck | grep -q libscrubjay; then fail "the program needs a shared libscrubjay"; fi
got=$(app/scrubjaycheck) || fail "the program failed"
want="mail [REDACTED:email] about the invoice"
[ "$got" = "$want" ] || fail "the program printed '$got', not '$want'"
echo "packaging/test/go.sh: a Go module outside the tree builds against libscrubjay $version ($module from go/) and runs"
