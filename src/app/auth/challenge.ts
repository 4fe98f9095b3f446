import { HttpError } from '../../core'

/** RFC 6750 §3.1 error codes a bearer challenge can carry; none when the request had no credentials at all. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope'

const quote = (text: string) => `"${text.replace(/["\\]/g, '')}"`

/**
 * A 401 whose `WWW-Authenticate` names the scheme the client must use (RFC 6750 for bearer tokens), or a 403
 * for `insufficient_scope`; the description is for humans and says no more than the client can act on.
 */
export function challenge(scheme: 'Bearer' | 'ApiKey', detail: string, error?: BearerError): HttpError {
  const params = [`realm=${quote('api')}`]
  if (scheme === 'ApiKey') params.push(`header=${quote('X-API-Key')}`)
  if (error) params.push(`error=${quote(error)}`, `error_description=${quote(detail)}`)
  return new HttpError(error === 'insufficient_scope' ? 403 : 401, {
    detail,
    headers: { 'www-authenticate': `${scheme} ${params.join(', ')}` },
  })
}
