import { router } from '../../core'
import { authenticated } from '../auth/guards'
import { provideUsers } from '../users/repo'
import { createTicket, roomChannel } from './handlers'

/** `/rooms`: tickets for logged-in users, and the rooms' WebSockets that the tickets open. */
export const rooms = router({
  path: '/rooms',
  tags: ['rooms'],
  dependencies: [provideUsers],
  handlers: [router({ guards: [authenticated], handlers: [createTicket] }), roomChannel],
})
