'use strict'
// The `install` script: a package installed from a scrubjay checkout (`npm install
// path/to/bindings-node`) has no native addon until it is built, and there is no prebuilt
// package for it yet. When `index.js` cannot load the addon, this builds it: with the
// package's own `npm run build` when its dev dependencies are there (a checkout after
// `npm ci`: the same build `npm test` runs, so that one finds it done), else with cargo
// directly, copying the library to the file name `index.js` loads. Without cargo or the Rust
// sources it says exactly what to run, and fails the install.

const { spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = __dirname

function loads() {
  try {
    require(path.join(here, 'index.js'))
    return true
  } catch {
    return false
  }
}

// The suffix napi-rs gives the addon of this platform (see index.js).
function platformSuffix() {
  const { platform, arch } = process
  if (platform === 'linux') {
    const musl = !process.report?.getReport?.().header?.glibcVersionRuntime
    if (arch === 'arm') return 'linux-arm-gnueabihf'
    return `linux-${arch}-${musl ? 'musl' : 'gnu'}`
  }
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

function fail(why) {
  console.error(`scrubjay: ${why}
scrubjay: the native addon is not built. From a scrubjay checkout (Rust and cargo installed):
    cd bindings-node && npm ci && npm run build
then install that directory again (npm install path/to/bindings-node).`)
  process.exit(1)
}

function napiBuild() {
  const npm = process.env.npm_execpath
  const run = npm && /\.c?js$/.test(npm)
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: here, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' })
  if (run.error || run.status !== 0) fail(`npm run build failed (${run.error ? run.error.message : `exit status ${run.status}`})`)
}

function hasNapiCli() {
  try {
    require.resolve('@napi-rs/cli/package.json', { paths: [here] })
    return true
  } catch {
    return false
  }
}

function build() {
  if (hasNapiCli()) return napiBuild()
  if (!fs.existsSync(path.join(here, 'Cargo.toml')) || !fs.existsSync(path.join(here, 'src', 'lib.rs'))) {
    fail('no built addon, and no Rust sources (Cargo.toml, src/) next to this package to build one from')
  }
  console.error('scrubjay: building the native addon with cargo (cargo build --release -p scrubjay-node)')
  const run = spawnSync('cargo', ['build', '--release', '-p', 'scrubjay-node', '--message-format=json-render-diagnostics'], {
    cwd: here,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  })
  if (run.error) fail(`cannot run cargo (${run.error.code || run.error.message})`)
  if (run.status !== 0) fail(`cargo build failed (exit status ${run.status})`)
  let library = null
  for (const line of run.stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    const msg = JSON.parse(line)
    if (msg.reason === 'compiler-artifact' && msg.target?.name === 'scrubjay_node') {
      library = msg.filenames.find((f) => /\.(so|dylib|dll)$/.test(f)) ?? library
    }
  }
  if (!library) fail('cargo did not report the addon library')
  fs.copyFileSync(library, path.join(here, `scrubjay.${platformSuffix()}.node`))
}

if (require.main === module) {
  if (!loads()) {
    build()
    if (!loads()) fail(`the built addon does not load on ${process.platform}-${process.arch}`)
  }
}

module.exports = { platformSuffix }
