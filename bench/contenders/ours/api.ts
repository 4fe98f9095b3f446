import * as v from 'valibot'
import { type AppOptions, dependency, get, notFound, post, provide, router, validation } from '../../../src/core'
import type { DocumentInfo } from '../../../src/core/openapi'
import { UserStore } from '../user-store'
import { greet, Name } from './greet'

const User = v.pipe(v.object({ id: v.number(), name: v.string(), email: v.string() }), v.title('User'))
const Users = dependency<UserStore>('users')

const getUser = get(
  '/:id',
  {
    params: v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    inject: { users: Users },
    response: User,
  },
  ({ params, deps: { users } }) => users.get(params.id) ?? notFound(`User ${params.id} not found`),
)

const createUser = post(
  '/',
  {
    body: v.object({ name: Name, email: v.pipe(v.string(), v.email()) }),
    inject: { users: Users },
    response: User,
  },
  ({ body, deps: { users } }) => users.add(body),
)

/** The benchmark API in this project's idiom: standalone handlers, a router layer providing the store. */
export function benchApi(): AppOptions {
  // One store per app instance, handed to handlers through dependency injection as the reference API does.
  const store = new UserStore()
  return {
    plugins: [validation()],
    handlers: [
      greet,
      router({ path: '/users', dependencies: [provide(Users, () => store)], handlers: [getUser, createUser] }),
    ],
  }
}

/** Only the greet route: what "core plus one route" weighs. */
export const greetApi: AppOptions = { plugins: [validation()], handlers: [greet] }

/** The document's header for both variants. */
export const benchInfo: DocumentInfo = { title: 'Bench API', version: '1.0.0' }
