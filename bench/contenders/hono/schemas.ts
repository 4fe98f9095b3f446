import * as v from 'valibot'

/** The benchmark's valibot schemas in Hono's idiom: strings from the URL are transformed explicitly. */
export const GreetQuery = v.object({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) })
export const Greeting = v.object({ message: v.string() })
export const UserParams = v.object({
  id: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number), v.integer(), v.minValue(1)),
})
export const UserCreate = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  email: v.pipe(v.string(), v.email()),
})
export const User = v.object({ id: v.number(), name: v.string(), email: v.string() })
