#!/usr/bin/env bash
# Installs the wheel from DIST into a fresh virtualenv of the system's python3, in a temporary
# directory, with no Rust toolchain on the PATH, and checks it: the default engine redacts an
# e-mail address, a token made under a synthetic key ring opens again with that ring, and the
# package's version is the wheel's. Usage: packaging/test/python.sh DIST (an absolute path).
set -euo pipefail
dist=${1:?usage: packaging/test/python.sh DIST}
case $dist in
  /*) ;;
  *) echo "packaging/test/python.sh: DIST must be an absolute path" >&2; exit 2 ;;
esac
source "$(dirname "${BASH_SOURCE[0]}")/clean-env.sh"

shopt -s nullglob
wheels=("$dist"/scrubjay-*.whl)
if [ "${#wheels[@]}" != 1 ]; then
  echo "packaging/test/python.sh: expected one scrubjay-*.whl in $dist, found ${#wheels[@]}" >&2
  exit 1
fi
wheel=${wheels[0]}
version=$(basename "$wheel" | cut -d- -f2)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
python3 -m venv venv
venv/bin/pip install -q --disable-pip-version-check --no-cache-dir --only-binary :all: "$wheel"
SCRUBJAY_DIST_VERSION=$version venv/bin/python - <<'EOF'
import base64, json, os, secrets, sys
import scrubjay

checks = []
def check(what, ok):
    checks.append(what)
    print(("ok     " if ok else "FAILED ") + what)
    if not ok:
        sys.exit(1)

redacted = scrubjay.Engine().redact("payment failed for john.doe@company.com")
check(f"default engine: {redacted!r}", redacted == "payment failed for [REDACTED:email]")

ring = json.dumps({"version": 1, "active": "test", "keys": [
    {"id": "test", "key": base64.urlsafe_b64encode(secrets.token_bytes(64)).decode().rstrip("=")}]})
engine = scrubjay.Engine({"version": 1, "content": [{"builtin": "email", "action": "tokenize"}],
                          "tokenize": {"keys": json.loads(ring), "allow_inline_keys": True}})
token = engine.redact("mail jane@example.com")
opened = engine.reveal(token, scrubjay.KeyRing.from_json(ring))
check(f"tokenize round trip: {token!r} reveals {opened!r}",
      token.startswith("mail [TOKEN:email:test:") and opened == "mail jane@example.com")

from importlib.metadata import version
want = os.environ["SCRUBJAY_DIST_VERSION"]
check(f"version: scrubjay.__version__ {scrubjay.__version__}, installed {version('scrubjay')}, "
      f"wheel {want}", scrubjay.__version__ == version("scrubjay") == want)
check(f"module loaded from the venv: {scrubjay.__file__}",
      scrubjay.__file__.startswith(os.path.join(os.getcwd(), "venv")))
EOF
echo "packaging/test/python.sh: $(basename "$wheel") installs and works on $(venv/bin/python --version)"
