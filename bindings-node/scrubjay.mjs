// ESM entry point: the same Engine and KeyRing as the CommonJS ones.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const scrubjay = require('./scrubjay.js')

export const { Engine, KeyRing, PolicyError, version, defaultPolicy } = scrubjay
export default scrubjay
