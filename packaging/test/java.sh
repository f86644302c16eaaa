#!/usr/bin/env bash
# Install test of the jar: scrubjay-VERSION.jar and its pom go into a new local Maven
# repository, a Maven project in a temporary directory depends on dev.scrubjay:scrubjay,
# builds, and its program redacts an e-mail address with the default engine, with cargo and
# rustc off the PATH. The project's runtime classpath must be the scrubjay jar alone: the
# pom's OpenTelemetry dependencies are `provided` and the rest `test`, none of them a
# consumer's. Usage: packaging/test/java.sh DIST (an absolute path).
set -euo pipefail
dist=${1:?usage: packaging/test/java.sh DIST}
case $dist in
  /*) ;;
  *) echo "java test: DIST must be an absolute path" >&2; exit 2 ;;
esac
# shellcheck source=clean-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/clean-env.sh"

shopt -s nullglob
jars=("$dist"/scrubjay-*.jar)
if [ "${#jars[@]}" != 1 ]; then
  echo "java test: expected one scrubjay-*.jar in $dist, found ${#jars[@]}" >&2
  exit 1
fi
jar=${jars[0]}
version=$(basename "$jar" .jar)
version=${version#scrubjay-}
pom=$dist/scrubjay-$version.pom
[ -f "$pom" ] || { echo "java test: $pom is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# Everything this test resolves lands in its own repository: the scrubjay artifact cannot be
# an older copy cached elsewhere. The machine's Maven settings apply as they are.
repo=$tmp/m2
mvn -q -B "-Dmaven.repo.local=$repo" org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file \
  "-Dfile=$jar" "-DpomFile=$pom" >&2
installed=$repo/dev/scrubjay/scrubjay/$version
[ -f "$installed/scrubjay-$version.jar" ] || { echo "java test: not installed as dev.scrubjay:scrubjay:$version" >&2; exit 1; }

mkdir -p app/src/main/java/check
cat > app/pom.xml <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>check</groupId>
  <artifactId>check</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency>
      <groupId>dev.scrubjay</groupId>
      <artifactId>scrubjay</artifactId>
      <version>$version</version>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
        <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
        <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      </plugins>
    </pluginManagement>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
        <executions>
          <execution>
            <phase>package</phase>
            <goals><goal>build-classpath</goal></goals>
            <configuration>
              <includeScope>runtime</includeScope>
              <outputFile>\${project.build.directory}/classpath.txt</outputFile>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
EOF
cat > app/src/main/java/check/Main.java <<'EOF'
package check;

import dev.scrubjay.Engine;

public class Main {
  public static void main(String[] args) {
    try (Engine engine = new Engine()) {
      System.out.println(engine.redact("mail john.doe@company.com please"));
    }
  }
}
EOF

(cd app && mvn -q -B "-Dmaven.repo.local=$repo" package >&2)

classpath=$(cat app/target/classpath.txt)
if [ "$classpath" != "$installed/scrubjay-$version.jar" ]; then
  echo "java test: the runtime classpath is not the scrubjay jar alone:" >&2
  tr ':' '\n' <<<"$classpath" >&2
  exit 1
fi

got=$(java -cp "app/target/classes:$classpath" check.Main)
want="mail [REDACTED:email] please"
if [ "$got" != "$want" ]; then
  echo "java test: got '$got', want '$want'" >&2
  exit 1
fi
echo "java test: dev.scrubjay:scrubjay:$version from a local repository redacts: $got"
echo "java test: the runtime classpath is the scrubjay jar alone"
echo "java: 1 passed, 0 failed"
