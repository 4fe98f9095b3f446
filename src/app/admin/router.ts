import { router } from '../../core'
import { accountDeletions } from '../account-deletion/router'
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/handlers'
import { provideApiKeys } from '../api-keys/repo'
import { hasRole } from '../auth/guards'
import { getMaintenance, setMaintenance } from './maintenance'
import { stats } from './stats'
import { adminUsers } from './users'

/** `/admin`: the admin role for everything, declared once on the layer. */
export const admin = router({
  path: '/admin',
  tags: ['admin'],
  guards: [hasRole('admin')],
  handlers: [
    stats,
    adminUsers,
    getMaintenance,
    setMaintenance,
    accountDeletions,
    router({
      path: '/api-keys',
      dependencies: [provideApiKeys],
      handlers: [createApiKey, listApiKeys, revokeApiKey],
    }),
  ],
})
