// ESM entry point: the same Engine as the CommonJS one.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const scrubjay = require('./scrubjay.js')

export const { Engine, PolicyError, version, defaultPolicy } = scrubjay
export default scrubjay
