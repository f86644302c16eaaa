# shellcheck shell=bash
# Sourced by test/c.sh and test/go.sh: unpacks the one libscrubjay-*-linux-x86_64.tar.gz of
# "$dist" into a temporary directory (removed on exit) and sets `version`, `tmp` and `root`
# (the unpacked libscrubjay-<version>/). Needs `fail` and `dist` defined.
shopt -s nullglob
archives=("$dist"/libscrubjay-*-linux-x86_64.tar.gz)
[ "${#archives[@]}" = 1 ] || fail "expected one libscrubjay-*-linux-x86_64.tar.gz in $dist, found ${#archives[@]}"
archive=${archives[0]}
version=$(basename "$archive" -linux-x86_64.tar.gz); version=${version#libscrubjay-}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
tar -xzf "$archive"
export root=$tmp/libscrubjay-$version
