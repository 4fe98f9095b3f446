import { forbidden, guard, type RequestContext } from '../../core'
import { challenge } from './challenge'
import { CurrentUser } from './principal'

/** Finds who owns the resource a request targets: a user id, or undefined when there is no such resource. */
export type OwnerOf = (ctx: RequestContext) => number | undefined | Promise<number | undefined>

/** The integer path parameter `name`, or undefined when it is not one (validation then answers 400). */
export const idParam =
  (name = 'id') =>
  ({ rawParams }: RequestContext): number | undefined => {
    const id = Number(rawParams[name])
    return Number.isSafeInteger(id) && id > 0 ? id : undefined
  }

/**
 * Requires a login, and lets through admins and the resource's owner; anyone else gets 403. A resource that
 * does not exist passes, so the handler answers 404 as it would for its owner.
 * @example router({ guards: [ownerOrAdmin('post', async (ctx) => (await postOf(ctx))?.authorId)], handlers })
 */
export const ownerOrAdmin = (what: string, ownerOf: OwnerOf) =>
  guard(
    {
      name: `ownerOrAdmin(${what})`,
      inject: { user: CurrentUser },
      security: [{ bearerAuth: [] }],
      errors: [401, 403],
    },
    async (ctx) => {
      const { user } = ctx
      if (!user) throw challenge('Bearer', 'A bearer token is required')
      if (user.role === 'admin') return
      const owner = await ownerOf(ctx)
      if (owner !== undefined && owner !== user.id) forbidden(`Only the ${what}'s owner or an admin may do this`)
    },
  )
