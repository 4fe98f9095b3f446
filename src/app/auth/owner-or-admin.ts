import {
  forbidden,
  type Injections,
  notFound,
  type ParamsSchema,
  type RequestContext,
  type WithParamsOf,
} from '../../core'
import { userAuth } from './guards'

/**
 * Finds who owns the resource a request targets from its typed path parameters: a user id, or undefined when there
 * is no such resource.
 */
export type OwnerOf<P extends ParamsSchema> = (
  ctx: WithParamsOf<RequestContext, P>,
) => number | undefined | Promise<number | undefined>

/**
 * Requires a login, and lets through admins and the resource's owner; anyone else gets 403. Fails closed: when
 * the owner cannot be found (no such resource) the answer is 404, never a pass. `params` are the path parameters
 * `ownerOf` reads, typed: a route that does not validate them with these very schemas (so `%31`, `1.0` or `01`
 * arrive as 1 or were refused with 400) refuses to build. `needs` names the dependencies `ownerOf` resolves, so a
 * missing provider fails at app construction rather than on a request.
 * @example router({ guards: [ownerOrAdmin('post', IdParams, authorOfPost, { posts: Posts })], handlers })
 */
export const ownerOrAdmin = <P extends ParamsSchema>(
  what: string,
  params: P,
  ownerOf: OwnerOf<P>,
  needs: Injections = {},
) =>
  userAuth.required({
    name: `ownerOrAdmin(${what})`,
    inject: needs,
    params,
    errors: [403, 404],
    restricts: 'subject',
    check: async (user, ctx) => {
      if (user.role === 'admin') return
      const owner = await ownerOf(ctx)
      if (owner === undefined) notFound(`No such ${what}`)
      if (owner !== user.id) forbidden(`Only the ${what}'s owner or an admin may do this`)
    },
  })
