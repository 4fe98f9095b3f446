import { provide } from '../../core'
import { logUserId } from '../../core/middleware/index'
import { challenge } from './challenge'
import { CurrentUser } from './principal'
import { isRevoked } from './revocation'
import { InvalidTokenError, verifyAccessToken } from './tokens'

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/i

/**
 * Provides `CurrentUser` from `Authorization: Bearer`: null without the header, the verified principal for a
 * valid token, and a 401 with an RFC 6750 challenge for a malformed, invalid, expired or revoked one.
 */
export const currentUser = provide(CurrentUser, async (ctx) => {
  const { request, env } = ctx
  const header = request.headers.get('authorization')
  if (header === null) return null
  const match = BEARER.exec(header.trim())
  if (!match) throw challenge('Bearer', 'The Authorization header must be "Bearer <token>"', 'invalid_request')
  try {
    const user = await verifyAccessToken(env, match[1]!)
    if (await isRevoked(env, user.jti)) throw new InvalidTokenError('The token has been revoked')
    logUserId(ctx, user.id)
    return user
  } catch (e) {
    if (e instanceof InvalidTokenError) throw challenge('Bearer', e.message, 'invalid_token')
    throw e
  }
})
