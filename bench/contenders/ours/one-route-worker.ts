import { createApp } from '../../../src/core'
import { greet } from './api'

/** One route (the validated greet), no document, no middleware: what the core costs a Worker that uses little. */
export default createApp({ handlers: [greet] })
