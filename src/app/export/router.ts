import { router } from '../../core'
import { apiKey, authenticated } from '../auth/guards'
import { providePosts } from '../posts/repo'
import { provideUsers } from '../users/repo'
import { exportData } from './handlers'

/**
 * The export, written once and served twice: `GET /export` to a logged-in person, `GET /integrations/export`
 * to a machine holding an API key with the `export` scope.
 */
export const exports = router({
  tags: ['export'],
  dependencies: [provideUsers, providePosts],
  handlers: [
    router({ guards: [authenticated], handlers: [exportData] }),
    router({ path: '/integrations', guards: [apiKey('export')], handlers: [exportData] }),
  ],
})
