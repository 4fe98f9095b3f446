import { guard } from '../../core'
import { challenge } from './challenge'
import { CurrentApiKey, CurrentUser, type Role } from './principal'

/** Requires a valid bearer token. */
export const authenticated = guard(
  { name: 'authenticated', inject: { user: CurrentUser }, security: [{ bearerAuth: [] }], errors: [401] },
  ({ deps: { user } }) => {
    if (!user) throw challenge('Bearer', 'A bearer token is required')
  },
)

/** Requires a logged-in user with one of the roles; OpenAPI 3.1 lists them as the requirement's roles. */
export const hasRole = (...roles: Role[]) =>
  guard(
    {
      name: `hasRole(${roles.join(',')})`,
      inject: { user: CurrentUser },
      security: [{ bearerAuth: roles }],
      errors: [401, 403],
    },
    ({ deps: { user } }) => {
      if (!user) throw challenge('Bearer', 'A bearer token is required')
      if (!roles.includes(user.role))
        throw challenge('Bearer', `Requires role ${roles.join(' or ')}`, 'insufficient_scope')
    },
  )

/** Requires an API key carrying the scope; the scope is the requirement's role in the document. */
export const apiKey = (scope: string) =>
  guard(
    {
      name: `apiKey(${scope})`,
      inject: { key: CurrentApiKey },
      security: [{ apiKeyAuth: [scope] }],
      errors: [401, 403],
    },
    ({ deps: { key } }) => {
      if (!key) throw challenge('ApiKey', 'An API key is required in the X-API-Key header')
      if (!key.scopes.includes(scope))
        throw challenge('ApiKey', `The API key lacks the "${scope}" scope`, 'insufficient_scope')
    },
  )
