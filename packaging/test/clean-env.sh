# shellcheck shell=bash
# Sourced by the install tests (packaging/test/*.sh): a PATH without the Rust toolchain, so
# that what they install is proven to need no compiler of ours. Every PATH directory holding
# `cargo` or `rustc` is dropped; fails if either is still found.
_sj_path=
_sj_rest=$PATH:
while [ -n "$_sj_rest" ]; do
  _sj_dir=${_sj_rest%%:*}
  _sj_rest=${_sj_rest#*:}
  [ -n "$_sj_dir" ] || continue
  if [ -x "$_sj_dir/cargo" ] || [ -x "$_sj_dir/rustc" ]; then
    continue
  fi
  _sj_path=${_sj_path:+$_sj_path:}$_sj_dir
done
export PATH=$_sj_path
unset _sj_path _sj_rest _sj_dir CARGO RUSTC RUSTUP_TOOLCHAIN CARGO_HOME RUSTUP_HOME
hash -r
if command -v cargo >/dev/null 2>&1 || command -v rustc >/dev/null 2>&1; then
  echo "clean-env: cargo or rustc is still on the PATH" >&2
  return 1
fi
