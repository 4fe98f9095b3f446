import { forbidden, guard, unauthorized } from '../../core'
import { CurrentApiKey, CurrentUser, type Role } from './principal'

const bearerChallenge = { 'www-authenticate': 'Bearer realm="api"' }
const apiKeyChallenge = { 'www-authenticate': 'ApiKey realm="api", header="X-API-Key"' }

/** Requires a valid bearer token. */
export const authenticated = guard(
  { name: 'authenticated', inject: { user: CurrentUser }, security: [{ bearerAuth: [] }], errors: [401] },
  ({ user }) => {
    if (!user) unauthorized('A bearer token is required', { headers: bearerChallenge })
  },
)

/** Requires a logged-in user with one of the roles. */
export const hasRole = (...roles: Role[]) =>
  guard(
    {
      name: `hasRole(${roles.join(',')})`,
      inject: { user: CurrentUser },
      security: [{ bearerAuth: [] }],
      errors: [401, 403],
    },
    ({ user }) => {
      if (!user) return unauthorized('A bearer token is required', { headers: bearerChallenge })
      if (!roles.includes(user.role)) forbidden(`Requires role ${roles.join(' or ')}`)
    },
  )

/** Requires an API key carrying the scope. */
export const apiKey = (scope: string) =>
  guard(
    { name: `apiKey(${scope})`, inject: { key: CurrentApiKey }, security: [{ apiKeyAuth: [] }], errors: [401, 403] },
    ({ key }) => {
      if (!key) return unauthorized('An API key is required', { headers: apiKeyChallenge })
      if (!key.scopes.includes(scope)) forbidden(`The API key lacks the "${scope}" scope`)
    },
  )
