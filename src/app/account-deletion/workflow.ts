import * as v from 'valibot'
import { workflow } from '../../core/workflows'
import { Id } from '../common/fields'
import { Accounts, exportKey, provideAccounts } from './account-store'

/** What a completed deletion reports. */
export const AccountDeleted = v.pipe(
  v.object({ userId: Id, exportKey: v.string(), exportBytes: v.number(), approvedBy: v.string() }),
  v.title('AccountDeleted'),
)

// A failing D1 or R2 call is retried a few times with growing delays before the instance errors.
const RETRIES = { retries: { limit: 4, delay: '2 seconds', backoff: 'exponential' } } as const

/**
 * Exports the user's data to R2, revokes every credential, waits for an admin's approval (the approve event), deletes
 * the rows and confirms. Failing steps are retried.
 * @remarks
 * Deletes an account in steps that each survive a failure: the data is exported to R2, every credential is
 * revoked at once (the account is locked while it waits), an admin approves (the `approve` event), the rows are
 * deleted, and the deletion is confirmed. Each step's result is stored by the runtime, so a retry or a restart
 * redoes only what had not finished.
 */
export const accountDeletion = workflow(
  {
    name: 'account-deletion',
    params: v.pipe(v.object({ userId: Id }), v.metadata({ examples: [{ userId: 7 }] })),
    events: {
      approve: v.pipe(
        v.object({ approvedBy: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
        v.metadata({ examples: [{ approvedBy: 'ada@example.com' }] }),
      ),
    },
    output: AccountDeleted,
    // Annotated: the binding's type is derived from the class this definition makes, so inference would go round.
    binding: (env): Workflow<unknown> => env.ACCOUNT_DELETION,
    // Each step attempt gets its own store: nothing is held across the wait for approval or a retry.
    inject: { accounts: Accounts },
    dependencies: [provideAccounts],
  },
  async ({ params: { userId }, step, instanceId, waitFor }) => {
    const key = exportKey(userId, instanceId)
    const { bytes } = await step.do('export', RETRIES, ({ deps: { accounts } }) => accounts.exportAccount(userId, key))
    await step.do('revoke credentials', RETRIES, ({ deps: { accounts } }) => accounts.revokeCredentials(userId))
    const { approvedBy } = await waitFor('approval', 'approve', '7 days')
    await step.do('delete rows', RETRIES, ({ deps: { accounts } }) => accounts.deleteRows(userId))
    await step.do('confirm', RETRIES, async ({ deps: { accounts } }) => {
      if (!(await accounts.isDeleted(userId))) throw new Error(`User ${userId} is still there`)
    })
    return { userId, exportKey: key, exportBytes: bytes, approvedBy }
  },
)
