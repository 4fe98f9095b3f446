import { createApp, validation } from '../../../src/core'
import { greet } from './greet'

/** One route (the validated greet), no document, no middleware: what the core costs a Worker that uses little. */
export default createApp({ plugins: [validation()], handlers: [greet] })
