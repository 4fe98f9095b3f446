// `edgestar/auth`: authentication building blocks: credential schemes as guards (bearer JWTs, API keys, cookie
// sessions, HTTP Basic, the first of several), CSRF, cookies, the D1 session store and constant-time comparison.
// HS256 JWTs are signed and verified on `crypto.subtle` alone; only `remoteJwks`/`localJwks` (public keys) import
// `jose` (a dependency of the package), so an app that does not use them does not bundle it.
export { type ApiKeyAuthOptions, apiKeyAuth, type StoredApiKey } from './api-key-auth'
export { type GeneratedApiKey, generateApiKey, parseApiKey } from './api-key-secret'
export {
  type AuthErrorCode,
  type AuthScheme,
  authError,
  authScheme,
  challengeHeader,
  type RequireOptions,
  type SchemeParts,
  type SecuritySchemeDoc,
} from './auth-scheme'
export { type BearerJwt, type BearerJwtOptions, bearerJwt } from './bearer-jwt'
export { isCanonicalBase64url, isCanonicalJwt, MAX_JWT_LENGTH } from './canonical-jwt'
export { type CookieSession, type CookieSessionOptions, cookieSession } from './cookie-session'
export { type CookieOptions, readCookie, setCookie } from './cookies'
export { type Csrf, type CsrfOptions, csrf } from './csrf'
export { firstOf } from './first-of'
export { type Hs256SignOptions, signHs256Jwt, verifyHs256Jwt } from './hs256-jwt'
export { type HttpBasicOptions, httpBasic } from './http-basic'
export { InvalidCredentials } from './invalid-credentials'
export { localJwks, remoteJwks } from './jwks'
export { checkJwtClaims, type JwtClaims, type JwtVerifyOptions } from './jwt-claims'
export { JwtExpired, JwtInvalid } from './jwt-errors'
export type { JwtVerifier, JwtVerifierOptions } from './jwt-verifier'
export { d1SessionStore, type SessionRecord, type SessionStore } from './session-store'
export { secretsEqual, timingSafeEqual } from './timing-safe-equal'

// The schemes typed by an app's `Env` through `withEnv<Env>().bind(auth)`; see `EnvFactories`.
declare module '../index' {
  interface EnvFactories<Env> {
    bearerJwt: <P>(options: import('./bearer-jwt').BearerJwtOptions<P, Env>) => import('./bearer-jwt').BearerJwt<P, Env>
    httpBasic: <P = { readonly username: string }>(
      options: import('./http-basic').HttpBasicOptions<P, Env>,
    ) => import('./auth-scheme').AuthScheme<P>
    apiKeyAuth: <P>(
      options: import('./api-key-auth').ApiKeyAuthOptions<P, Env>,
    ) => import('./auth-scheme').AuthScheme<P>
    cookieSession: <P>(
      options: import('./cookie-session').CookieSessionOptions<P, Env>,
    ) => import('./cookie-session').CookieSession<P, Env>
    d1SessionStore: (db: (env: Env) => D1Database, table?: string) => import('./session-store').SessionStore<Env>
  }
}
