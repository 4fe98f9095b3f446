import type { RequestContext } from '../../core'
import { InvalidCredentials } from '../../core/auth'
import { logUserId } from '../../core/middleware/index'
import { Db } from '../common/db'
import { accountState } from './accounts'
import type { UserPrincipal } from './principal'

/** What a bearer token claims beyond its user: the credential version and refresh family it was issued under. */
export interface TokenFacts {
  readonly ver: number
  readonly fam?: string | undefined
}

/**
 * The principal of a session (no `token`) or of a bearer token, by `accountState`'s one D1 query on the request's D1
 * session: the user's role as the database has it now, and for a token whether its credential version is the
 * account's and its refresh family still active. Throws `InvalidCredentials` when the account is gone or the token
 * outdated.
 */
export async function userPrincipal(ctx: RequestContext, id: number, token?: TokenFacts): Promise<UserPrincipal> {
  const state = await accountState(await ctx.resolve(Db), id, token?.fam)
  if (!state) throw new InvalidCredentials('The account no longer exists')
  if (token && (state.credentialVersion !== token.ver || (token.fam && state.activeFamily === null)))
    throw new InvalidCredentials('The token has been revoked')
  logUserId(ctx, id)
  if (!token) return { id, role: state.role, via: 'session' }
  return { id, role: state.role, via: 'bearer', ...(token.fam ? { family: token.fam } : {}) }
}
