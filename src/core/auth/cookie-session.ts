import { sha256Hex } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'
import { cookiesOf } from '../kernel/cookie-jar'
import type { DependencyKey } from '../kernel/di'
import { randomToken } from '../kernel/random-token'
import { isSafeMethod } from '../kernel/safe-method'
import { type AuthScheme, authError, challengeHeader } from './auth-scheme'
import { setCookie } from './cookies'
import { credentialScheme } from './credential-scheme'
import { type Csrf, csrf as defaultCsrf } from './csrf'
import { InvalidCredentials } from './invalid-credentials'
import type { SessionRecord, SessionStore } from './session-store'

type Ctx<Env> = RequestContext<Env>

/** Options of `cookieSession`. */
export interface CookieSessionOptions<P, Env = Cloudflare.Env> {
  /** The dependency the principal is provided as. Default `auth:<name>`. */
  readonly key?: DependencyKey<P | null>
  /** The security scheme's name in the document. Default `cookieAuth`. */
  readonly name?: string
  /** The cookie's name after its `__Host-` prefix, which it has on every origin. Default `sid`. */
  readonly cookie?: string
  readonly realm?: string
  readonly store: SessionStore<Env>
  /** Seconds without a request after which a session ends. Default 30 minutes. */
  readonly idle?: number
  /** Seconds after login at which a session ends however active. Default 12 hours. */
  readonly absolute?: number
  /** CSRF protection for unsafe methods; default `csrf()` (same origin only). `false` turns it off. */
  readonly csrf?: Csrf | false
  /** The session's principal (load the account); throw `InvalidCredentials` to end the session. */
  readonly principal: (session: SessionRecord, ctx: Ctx<Env>) => P | Promise<P>
  readonly scopesOf?: (principal: P) => readonly string[]
  readonly description?: string
}

/** A cookie-session scheme, and the operations that begin and end sessions. */
export interface CookieSession<P, Env = Cloudflare.Env> extends AuthScheme<P> {
  /** Begins a session under a fresh id (any presented one is deleted: no fixation) and sets the cookie. */
  start(ctx: Ctx<Env>, subject: string): Promise<{ csrfToken: string }>
  /** Ends the presented session: deletes it server-side and expires the cookie. */
  end(ctx: Ctx<Env>): Promise<void>
  /** Ends every session of a subject, except the presented one when `keepCurrent`. */
  endAll(ctx: Ctx<Env>, subject: string, options?: { keepCurrent?: boolean }): Promise<void>
  /** The presented session's CSRF token (after its principal resolved), for clients without Origin headers. */
  csrfToken(ctx: Ctx<Env>): Promise<string | undefined>
  /** The cookie's name (`__Host-` and the base name, on every request). */
  cookieName(ctx: Ctx<Env>): string
  /** The CSRF check the scheme applies (for a login handler's `checkOrigin`), unless turned off. */
  readonly csrf: Csrf | undefined
}

const ID = /^[A-Za-z0-9_-]{43}$/

/**
 * Server-side sessions behind a `__Host-` cookie, `HttpOnly; Secure; SameSite=Lax; Path=/`. Only the
 * SHA-256 of the id is stored; idle and absolute expiry are checked on every request; unsafe methods pass the
 * CSRF check. No cookie, or an unknown or expired one: a null principal (and the cookie is cleared).
 * @example
 * const sessions = cookieSession({ store: d1SessionStore((env) => env.DB),
 *   principal: (s, { env }) => loadUser(env, Number(s.subject)) })
 * export const login = post('/login', spec, async (ctx) => sessions.start(ctx, String(user.id)))
 */
export function cookieSession<P, Env = Cloudflare.Env>(options: CookieSessionOptions<P, Env>): CookieSession<P, Env> {
  const name = options.name ?? 'cookieAuth'
  const base = options.cookie ?? 'sid'
  const realm = options.realm ?? 'api'
  const idle = (options.idle ?? 30 * 60) * 1000
  const absolute = (options.absolute ?? 12 * 60 * 60) * 1000
  const check = options.csrf === false ? undefined : (options.csrf ?? defaultCsrf())
  const { store } = options
  // The request's session id once its principal resolved or a session started, for `csrfToken`.
  const stateKey = `auth:session:${name}`
  // One name on every origin, the one the document declares. On plain http the prefix asks nothing more of a browser
  // than the Secure flag does (a Secure cookie is kept only where the browser deems the origin secure, such as
  // http://localhost), and Secure is always set: a shorter name there bought nothing but a second name.
  const fullName = `__Host-${base}`
  const clear = (ctx: Ctx<Env>) => ctx.responseHeaders.append('set-cookie', setCookie(fullName, '', { maxAge: 0 }))
  const presented = (ctx: Ctx<Env>) => {
    const id = cookiesOf(ctx).get(fullName)
    return id !== undefined && ID.test(id) ? id : undefined
  }
  const tokenOf = (id: string) => sha256Hex(`csrf:${id}`)

  const scheme = credentialScheme<P>(
    options,
    name,
    {
      type: 'apiKey',
      in: 'cookie',
      name: fullName,
      description:
        options.description ??
        `A server-side session; unsafe methods need a same-origin request or the ${check?.header ?? 'CSRF'} header`,
    },
    async (raw, scheme) => {
      const ctx = raw as unknown as Ctx<Env>
      const id = presented(ctx)
      if (id === undefined) return null
      const hash = await sha256Hex(id)
      const session = await store.get(ctx.env, hash, ctx)
      const now = Date.now()
      if (!session || now - session.createdAt > absolute || now - session.seenAt > idle) {
        if (session) await store.delete(ctx.env, hash)
        clear(ctx)
        return null
      }
      if (check) await check.check(ctx, await tokenOf(id))
      let found: P
      try {
        found = await options.principal(session, ctx)
      } catch (e) {
        if (!(e instanceof InvalidCredentials)) throw e
        await store.delete(ctx.env, hash)
        clear(ctx)
        throw authError(scheme, e.message, 'invalid_token')
      }
      // Bounded writes: the last-seen time moves at most every tenth of the idle window.
      if (now - session.seenAt > idle / 10) ctx.waitUntil(store.touch(ctx.env, hash, now))
      ctx.state.set(stateKey, id)
      return found
    },
    {
      wwwAuthenticate: (error, detail) => challengeHeader('Cookie', { realm, name: fullName }, error, detail),
      errors: check ? [403] : [],
      // Unsafe methods with the cookie need a same-origin request or the token header (browsers send the former).
      parameters: (route) =>
        check && !isSafeMethod(route.method)
          ? [
              {
                name: check.header,
                in: 'header',
                required: false,
                description: `With the session cookie from a client that sends neither Sec-Fetch-Site nor Origin: the session's csrfToken (from the login)`,
                schema: { type: 'string' },
              },
            ]
          : [],
      responseHeaders: {
        'Set-Cookie': {
          description: `Clears a session cookie that is unknown or expired (\`${fullName}\`; Max-Age=0)`,
          schema: { type: 'string' },
        },
      },
    },
  )

  return {
    ...scheme,
    cookieName: () => fullName,
    csrf: check,
    async start(ctx, subject) {
      const old = presented(ctx)
      if (old !== undefined) await store.delete(ctx.env, await sha256Hex(old))
      const id = randomToken()
      const now = Date.now()
      await store.create(ctx.env, { id: await sha256Hex(id), subject, createdAt: now, seenAt: now })
      ctx.responseHeaders.append('set-cookie', setCookie(fullName, id, { maxAge: absolute / 1000 }))
      ctx.state.set(stateKey, id)
      return { csrfToken: await tokenOf(id) }
    },
    async end(ctx) {
      const id = presented(ctx)
      if (id !== undefined) await store.delete(ctx.env, await sha256Hex(id))
      ctx.state.delete(stateKey)
      clear(ctx)
    },
    async endAll(ctx, subject, { keepCurrent = false } = {}) {
      const id = presented(ctx)
      const keep = keepCurrent && id !== undefined ? await sha256Hex(id) : undefined
      await store.deleteSubject(ctx.env, subject, keep)
      if (!keep) clear(ctx)
    },
    async csrfToken(ctx) {
      const id = ctx.state.get(stateKey) as string | undefined
      return id === undefined ? undefined : tokenOf(id)
    },
  }
}
