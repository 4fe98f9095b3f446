import { router } from '../../core'
import { workflowRoutes } from '../../core/workflows'
import { accountDeletion } from './workflow'

/** `/admin/account-deletions`: start a deletion, read its status, approve it (under /admin's admin guard). */
export const accountDeletions = router({ path: '/account-deletions', handlers: [workflowRoutes(accountDeletion)] })
