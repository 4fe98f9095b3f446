import { dependency } from '../../core'

/** Roles a user can have. */
export type Role = 'user' | 'admin'

/** Who a valid bearer token says the caller is. */
export interface UserPrincipal {
  readonly id: number
  readonly role: Role
  /** The token's id, for revocation. */
  readonly jti: string
  /** Expiry, seconds since the epoch. */
  readonly exp: number
}

/** A machine client identified by a valid API key. */
export interface ApiKeyPrincipal {
  readonly id: string
  readonly name: string
  readonly scopes: readonly string[]
}

/**
 * The caller's user from the bearer token: null without an Authorization header; a bad or revoked token
 * makes its provider throw 401. Provided at the app layer.
 */
export const CurrentUser = dependency<UserPrincipal | null>('currentUser')

/** The caller's API key from `X-API-Key`, or null without one; a bad or revoked key makes its provider throw 401. */
export const CurrentApiKey = dependency<ApiKeyPrincipal | null>('currentApiKey')
