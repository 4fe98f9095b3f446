import { dependency } from '../../core'

/** Roles a user can have. */
export type Role = 'user' | 'admin'

/** Who a valid bearer token or session says the caller is; the role is the database's, read on this request. */
export interface UserPrincipal {
  readonly id: number
  readonly role: Role
  /** Which credential authenticated the request. */
  readonly via: 'bearer' | 'session'
  /** The refresh-token family a bearer token belongs to (tokens minted outside a login have none). */
  readonly family?: string
}

/** A machine client identified by a valid API key. */
export interface ApiKeyPrincipal {
  readonly id: string
  readonly name: string
  readonly scopes: readonly string[]
}

/**
 * The caller's user, from a bearer token or else a session cookie: null without either; bad, revoked or
 * outdated credentials make its provider throw 401. Provided at the app layer (see ./schemes.ts).
 */
export const CurrentUser = dependency<UserPrincipal | null>('currentUser')

/** The caller's API key from `X-API-Key`, or null without one; a bad or revoked key makes its provider throw 401. */
export const CurrentApiKey = dependency<ApiKeyPrincipal | null>('currentApiKey')
