import * as v from 'valibot'
import { get } from '../../../src/core'

/** A name: 1 to 100 characters. */
export const Name = v.pipe(v.string(), v.minLength(1), v.maxLength(100))

/** GET /greet?name=: query validation. In a module of its own, so the one-route app bundles no other route. */
export const greet = get(
  '/greet',
  { query: v.object({ name: Name }), response: v.object({ message: v.string() }) },
  ({ query }) => ({ message: `Hello, ${query.name}!` }),
)
