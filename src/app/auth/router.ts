import { router } from '../../core'
import { provideUsers } from '../users/repo'
import { authenticated } from './guards'
import {
  changeOwnEmail,
  changeOwnPassword,
  login,
  logout,
  logoutEverywhere,
  me,
  refresh,
  startSession,
} from './handlers'

/** `/auth`: logins and refresh are public; the rest act on the credentials they are sent with. */
export const auth = router({
  path: '/auth',
  tags: ['auth'],
  dependencies: [provideUsers],
  handlers: [
    login,
    refresh,
    startSession,
    router({ guards: [authenticated], handlers: [me, logout, logoutEverywhere, changeOwnPassword, changeOwnEmail] }),
  ],
})
