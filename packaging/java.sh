#!/usr/bin/env bash
# The Java binding as a jar with its JNI library inside (dev/scrubjay/native/<platform>/), and
# its pom, for a Maven repository: OUT/scrubjay-VERSION.jar and OUT/scrubjay-VERSION.pom.
# Usage: packaging/java.sh [OUT] (default dist).
#
# The jar is built from a copy of bindings-java's pom and main sources under target/dist-java,
# so the development build in bindings-java/target is left alone, with the library of this
# machine's release build stripped of its debug information. SCRUBJAY_JAVA_NATIVES=DIR adds
# libraries built elsewhere: DIR/<platform>/<file>, with the platform folders NativeLibrary.java
# looks for (linux-x86_64, linux-aarch64, macos-x86_64, macos-aarch64, windows-x86_64), a
# folder for this machine's platform replacing its build; the release workflow assembles its
# jar for every platform that way.
set -euo pipefail
out=${1:-dist}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
MVN=${MVN:-mvn}

pom_version=$(sed -n '0,/<version>/s/^  <version>\(.*\)<\/version>/\1/p' bindings-java/pom.xml)
if [ "$pom_version" != "$version" ]; then
  echo "packaging/java.sh: bindings-java/pom.xml says $pom_version, the workspace $version" >&2
  exit 1
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 lib=libscrubjay_jni.so ;;
  Linux-aarch64) platform=linux-aarch64 lib=libscrubjay_jni.so ;;
  Darwin-x86_64) platform=macos-x86_64 lib=libscrubjay_jni.dylib ;;
  Darwin-arm64) platform=macos-aarch64 lib=libscrubjay_jni.dylib ;;
  *) echo "packaging/java.sh: no platform folder for $(uname -s) $(uname -m)" >&2; exit 1 ;;
esac

cargo build --release --locked -p scrubjay-java

work=target/dist-java
rm -rf "$work"
mkdir -p "$work/native" "$work/src"
cp bindings-java/pom.xml "$work/"
cp -R bindings-java/src/main "$work/src/"
cp "target/release/$lib" "$work/native/"
case "$platform" in
  linux-*) strip --strip-debug "$work/native/$lib" ;;
  macos-*) strip -S "$work/native/$lib" ;;
esac

# -Dscrubjay.platform and -Dscrubjay.native.file override the pom's OS-activated profiles.
(cd "$work" && "$MVN" -q -B -DskipTests "-Dscrubjay.native.dir=$PWD/native" \
  "-Dscrubjay.platform=$platform" "-Dscrubjay.native.file=$lib" package >&2)
jar=$work/target/scrubjay.jar

if [ -n "${SCRUBJAY_JAVA_NATIVES:-}" ]; then
  mkdir -p "$work/extra/dev/scrubjay/native"
  cp -R "$SCRUBJAY_JAVA_NATIVES"/. "$work/extra/dev/scrubjay/native/"
  (cd "$work/extra" && jar uf "$OLDPWD/$jar" dev)
fi

natives=$(jar tf "$jar" | grep '^dev/scrubjay/native/[^/]*/.*scrubjay_jni' || true)
if ! grep -q "^dev/scrubjay/native/$platform/$lib\$" <<<"$natives"; then
  echo "packaging/java.sh: $jar lacks dev/scrubjay/native/$platform/$lib" >&2
  exit 1
fi
echo "packaging/java.sh: native libraries in the jar:" >&2
while IFS= read -r entry; do echo "  $entry"; done <<<"$natives" >&2

mkdir -p "$out"
cp "$jar" "$out/scrubjay-$version.jar"
cp bindings-java/pom.xml "$out/scrubjay-$version.pom"
echo "$out/scrubjay-$version.jar"
echo "$out/scrubjay-$version.pom"
