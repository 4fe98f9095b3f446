import { firstOf } from '../../core/auth'
import { apiKeys } from '../api-keys/current-api-key'
import { CurrentUser, type Role } from './principal'
import { sessions } from './sessions'
import { bearer } from './tokens'

/** A user, by bearer token (API clients) or else by session cookie (browsers); providers go on the app layer. */
export const userAuth = firstOf(CurrentUser, [bearer, sessions])

/** Requires a logged-in user. */
export const authenticated = userAuth.required({ name: 'authenticated' })

/** Requires a logged-in user with one of the roles (as the database has it now); the document lists them. */
export const hasRole = (...roles: Role[]) =>
  userAuth.required({
    name: `hasRole(${roles.join(',')})`,
    scopes: roles,
    denied: `Requires role ${roles.join(' or ')}`,
    restricts: 'role',
  })

/** Requires an API key carrying the scope; the scope is the requirement's role in the document. */
export const apiKey = (scope: string) =>
  apiKeys.required({ name: `apiKey(${scope})`, scopes: [scope], denied: `The API key lacks the "${scope}" scope` })
