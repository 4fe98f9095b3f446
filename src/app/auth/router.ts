import { router } from '../../core'
import { provideUsers } from '../users/repo'
import { authenticated } from './guards'
import { login, logout, me } from './handlers'

/** `/auth`: login is public; who-am-I and logout need the token they act on. */
export const auth = router({
  path: '/auth',
  tags: ['auth'],
  dependencies: [provideUsers],
  handlers: [login, router({ guards: [authenticated], handlers: [me, logout] })],
})
