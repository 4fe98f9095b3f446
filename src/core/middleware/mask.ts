/** What a masked value is replaced by. @example maskHeaders(h)['x-api-key'] === MASKED */
export const MASKED = '[masked]'

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
// Header and query names that carry credentials by convention: X-API-Key, api_key, access_token, ...
const SECRET_NAME = /(key|token|secret|password|passwd|session|signature|credential|auth)/i

/** Whether a header or query parameter name carries a secret. @example isSecretName('X-API-Key') // true */
export const isSecretName = (name: string): boolean => SECRET_HEADERS.has(name.toLowerCase()) || SECRET_NAME.test(name)

/**
 * Request headers as a plain object with secrets masked; an Authorization value keeps its scheme
 * (`Bearer [masked]`) so logs still tell which kind of credential was sent.
 * @example maskHeaders(request.headers) // { authorization: 'Bearer [masked]', 'x-api-key': '[masked]', ... }
 */
export function maskHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of headers) {
    if (!isSecretName(name)) out[name] = value
    else if (name === 'authorization' || name === 'proxy-authorization') {
      const scheme = /^[A-Za-z][\w-]*(?= )/.exec(value)?.[0]
      out[name] = scheme ? `${scheme} ${MASKED}` : MASKED
    } else out[name] = MASKED
  }
  return out
}

/**
 * A URL's query with secret parameters masked, or undefined without a query.
 * @example maskQuery(new URL('https://x/y?api_key=abc&page=2')) // 'api_key=%5Bmasked%5D&page=2'
 */
export function maskQuery(url: URL): string | undefined {
  if (!url.search) return undefined
  const params = new URLSearchParams(url.search)
  for (const name of new Set(params.keys())) if (isSecretName(name)) params.set(name, MASKED)
  return params.toString()
}
