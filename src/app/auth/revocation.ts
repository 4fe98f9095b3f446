// The logout denylist lives in KV (the stores layer), one key per revoked token id, dropped when the token expires.
const MIN_KV_TTL = 60
const keyOf = (jti: string) => `auth:revoked:${jti}`

/** Denies a token until it expires; KV requires at least 60 s of expiry, so a nearly expired token is kept 60 s. */
export async function revokeToken(env: Cloudflare.Env, jti: string, exp: number): Promise<void> {
  const ttl = Math.max(MIN_KV_TTL, Math.ceil(exp - Date.now() / 1000))
  await env.CACHE.put(keyOf(jti), '1', { expirationTtl: ttl })
}

/** Whether a token id was revoked by a logout. */
export async function isRevoked(env: Cloudflare.Env, jti: string): Promise<boolean> {
  return (await env.CACHE.get(keyOf(jti))) !== null
}
