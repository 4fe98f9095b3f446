import { forbidden, type Injections, notFound, type RequestContext } from '../../core'
import { userAuth } from './guards'

/** Finds who owns the resource a request targets: a user id, or undefined when there is no such resource. */
export type OwnerOf = (ctx: RequestContext) => number | undefined | Promise<number | undefined>

/**
 * The integer path parameter `name`, as the route's params schema validated it (guards run after that, so
 * `%31`, `1.0` or `01` arrive here as 1 or were refused with 400). Fails closed: a route whose schema did not
 * make it an integer is refused rather than let through.
 */
export const idParam =
  (name = 'id') =>
  ({ params }: RequestContext): number => {
    const id = (params as Readonly<Record<string, unknown>> | undefined)?.[name]
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return forbidden(`The ${name} path parameter is not an id`)
    return id
  }

/**
 * Requires a login, and lets through admins and the resource's owner; anyone else gets 403. Fails closed: when
 * the owner cannot be found (no such resource) the answer is 404, never a pass. `needs` names the dependencies
 * `ownerOf` resolves, so a missing provider fails at app construction rather than on a request.
 * @example router({ guards: [ownerOrAdmin('post', authorOfPost, { posts: Posts })], handlers })
 */
export const ownerOrAdmin = (what: string, ownerOf: OwnerOf, needs: Injections = {}) =>
  userAuth.required({
    name: `ownerOrAdmin(${what})`,
    inject: needs,
    errors: [403, 404],
    check: async (user, ctx) => {
      if (user.role === 'admin') return
      const owner = await ownerOf(ctx)
      if (owner === undefined) notFound(`No such ${what}`)
      if (owner !== user.id) forbidden(`Only the ${what}'s owner or an admin may do this`)
    },
  })
