import * as v from 'valibot'
import { get } from '../../core'

const Greeting = v.pipe(
  v.object({ message: v.string() }),
  v.title('Greeting'),
  v.metadata({ examples: [{ message: 'Hello, Bob!' }] }),
)

/**
 * Answers `Hello, <name>!` for the name in the path, percent-decoded once. Public and changes nothing: the smallest
 * example of a validated path parameter (over 100 characters is a 400 naming `name`).
 * @summary Greet someone by path
 */
export const hello = get(
  '/hello/:name',
  {
    tags: ['greetings'],
    params: v.object({ name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) }),
    response: Greeting,
  },
  ({ params }) => ({ message: `Hello, ${params.name}!` }),
)

/**
 * Answers `Hello, <name>!` for the `name` query parameter. Public and changes nothing. A missing, empty or overlong
 * name is a 400 problem whose `errors` entry names `name`.
 * @summary Greet someone by query
 */
export const greet = get(
  '/greet',
  {
    tags: ['greetings'],
    query: v.object({
      /** Who to greet */
      name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    }),
    response: Greeting,
  },
  ({ query }) => ({ message: `Hello, ${query.name}!` }),
)
