import { router } from '../../core'
import { accountDeletions } from '../account-deletion/router'
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/handlers'
import { provideApiKeys } from '../api-keys/repo'
import { hasRole } from '../auth/guards'
import { getMaintenance, setMaintenance } from './maintenance'
import { stats } from './stats'
import { adminUsers } from './users'

/**
 * `/admin`: the admin role for everything, declared once on the layer. Its writes check the role on the D1 primary
 * (one more primary call each): a demoted admin cannot act while a replica still has the old role.
 */
export const admin = router({
  path: '/admin',
  tags: ['admin'],
  guards: [hasRole('admin')],
  opt: { d1Writes: 'first-primary' },
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
