import { sha256Hex } from '../kernel/bounded-key'
import type { RequestContext } from '../kernel/context'
import { provide } from '../kernel/di'
import { HttpError, ValidationError } from '../kernel/errors'
import type { Middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import type { ResolvedRoute } from '../kernel/route'
import type { Stage } from '../kernel/stage'
import { clientIp } from '../rate-limit/client-ip'
import { requestFingerprint } from './fingerprint'
import type { IdempotencyConfig } from './idempotency-config'
import type { IdempotencyFacts } from './idempotency-document'
import { readIdempotencyKey } from './idempotency-key'
import type { IdempotencyObject } from './idempotency-object'
import { setClaim } from './idempotency-record'
import { durableLedger, IdempotencyLedger } from './ledger'
import { captureResponse, REPLAYED, replayResponse } from './stored-response'

type Caller = (ctx: RequestContext) => string | number | null | undefined | Promise<string | number | null | undefined>

/** Options of the idempotency plugin. */
export interface IdempotencyOptions<Env = Cloudflare.Env> {
  /** The objects' namespace for a request's env, e.g. `(env) => env.IDEMPOTENCY`. */
  readonly binding: (env: Env) => DurableObjectNamespace<IdempotencyObject> | undefined
  /**
   * Who the caller is: keys are scoped to it, so two callers' equal keys never meet. Read it from the validated
   * credentials' providers (the principal, the API key); without one, or when it gives nothing, the client address.
   */
  readonly caller?: Caller
  /** Seconds a key is kept unless a layer says otherwise (default 86,400: 24 hours, as Stripe keeps them). */
  readonly ttl?: number
  /** Seconds a running request holds its key: a repeat within it is a 409; after it, a repeat runs (default 60). */
  readonly lease?: number
}

const DEFAULT_METHODS = ['POST', 'PATCH'] as const
const KEY_STATE = 'idempotency.key'

const unstoredLog = (route: ResolvedRoute, e: unknown) =>
  console.warn(
    JSON.stringify({
      level: 'warn',
      event: 'idempotency-unstored',
      route: `${route.method} ${route.path}`,
      error: String(e),
    }),
  )

/**
 * Retry-safe writes: on routes whose layers set `idempotency`, a request with `Idempotency-Key` runs once per
 * caller and key (decided by the caller's Durable Object); a repeat gets the stored response marked
 * `Idempotent-Replayed: true`, a repeat while the first runs is a 409, the key with another method, path or body a
 * 422. Repositories given `idempotencyRecord(ctx)` commit the key's record with the request's insert, so a retry
 * after a lost response creates nothing twice. The plugin provides the ledger (`IdempotencyLedger`) at the app
 * layer; a test may override it.
 * @example createApp({ plugins: [idempotency({ binding: (env) => env.IDEMPOTENCY })], idempotency: {}, handlers })
 */
export function idempotency<Env = Cloudflare.Env>(given: IdempotencyOptions<Env>): Plugin {
  // The app's env type is the caller's promise; at run time ctx.env is whatever the Worker was given.
  const options = given as unknown as IdempotencyOptions
  const defaultTtl = options.ttl ?? 86_400
  const lease = (options.lease ?? 60) * 1000
  const callerOf = async (ctx: RequestContext): Promise<string> => {
    const who = await options.caller?.(ctx)
    return who === null || who === undefined ? `ip:${clientIp(ctx)}` : `caller:${who}`
  }

  const provider = provide(IdempotencyLedger, (ctx) => {
    const namespace = options.binding(ctx.env)
    if (!namespace)
      throw new HttpError(503, { detail: 'Idempotency keys cannot be checked: the Durable Object binding is missing' })
    return durableLedger(namespace)
  })

  // Before the body is read: a malformed or missing key is refused without reading it, whatever else is wrong.
  const readKey = (required: boolean): Middleware =>
    async function idempotencyKey(ctx, next) {
      const value = ctx.request.headers.get('idempotency-key')
      if (value === null) {
        if (!required) return next()
        throw new ValidationError([
          { in: 'header', name: 'idempotency-key', pointer: '/idempotency-key', message: 'is required' },
        ])
      }
      const read = readIdempotencyKey(value)
      if ('problem' in read) throw new ValidationError([read.problem])
      ctx.state.set(KEY_STATE, read.key)
      return next()
    }

  const enforce = (route: ResolvedRoute, ttlSeconds: number): Middleware =>
    async function idempotent(ctx, next) {
      const sent = ctx.state.get(KEY_STATE) as string | undefined
      if (sent === undefined) return next()
      const caller = await callerOf(ctx)
      const [object, key, fingerprint, ledger] = await Promise.all([
        sha256Hex(caller),
        sha256Hex(`${caller}\n${sent}`),
        requestFingerprint(ctx, route.method, route.path, route.spec.readBody !== false),
        ctx.resolve(IdempotencyLedger),
      ])
      const now = Date.now()
      const ttl = ttlSeconds * 1000
      const decision = await ledger.begin(object, { key, fingerprint, now, ttl, lease })
      if (decision.kind === 'replay') {
        if (decision.response.kept) return replayResponse(decision.response)
        throw new HttpError(409, { detail: 'The first response to this Idempotency-Key was too large to keep' })
      }
      if (decision.kind === 'busy')
        throw new HttpError(409, {
          detail: 'A request with this Idempotency-Key is still running; retry once it has finished',
          headers: { 'retry-after': String(decision.retryAfter) },
        })
      if (decision.kind === 'mismatch')
        throw new HttpError(422, {
          detail: 'This Idempotency-Key was used for another request (method, path or body); use a new key',
        })
      const claim: { key: string; fingerprint: string; expiresAt: number; now: number; recovered?: boolean } = {
        key,
        fingerprint,
        expiresAt: now + ttl,
        now,
      }
      setClaim(ctx, claim)
      const response = await next()
      // A server error may have come after the write committed: the key is given up so a retry runs, and the
      // record committed with the write makes that retry find the row instead of adding another.
      if (response.status >= 500) {
        ctx.waitUntil(ledger.release(object, key, decision.token).catch(() => undefined))
        return response
      }
      const captured = await captureResponse(response, ctx.responseHeaders)
      if (claim.recovered) captured.response.headers.set(REPLAYED, 'true')
      try {
        await ledger.complete(object, key, decision.token, captured.stored, claim.expiresAt)
      } catch (e) {
        // The write stands and the client gets its answer; a repeat is a 409 until the lease ends, then runs and
        // finds the committed row.
        unstoredLog(route, e)
      }
      return captured.response
    }

  return {
    name: 'idempotency',
    options: { idempotency: 'nearest' },
    dependencies: [provider],
    requires: (env) => (options.binding(env) ? [] : ['the idempotency Durable Object binding']),
    stages(route): Stage[] {
      const config: IdempotencyConfig | false | undefined = route.config.idempotency
      if (!config) return []
      const where = `Route ${route.method} ${route.path}`
      const methods: readonly string[] = config.methods ?? DEFAULT_METHODS
      if (!methods.includes(route.method)) return []
      const ttl = config.ttl ?? defaultTtl
      if (!Number.isInteger(ttl) || ttl < 1)
        throw new Error(`${where}: idempotency ttl must be whole, positive seconds`)
      const required = config.required ?? false
      return [
        {
          name: 'idempotency(key)',
          at: 'guarded',
          run: readKey(required),
          describe: { required, ttl } satisfies IdempotencyFacts,
        },
        { name: 'idempotency', at: 'validated', run: enforce(route, ttl) },
      ]
    },
  }
}
