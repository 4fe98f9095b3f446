import * as v from 'valibot'
import { defineConfig } from '../core'
import { originMatcher } from '../core/middleware/index'

/** The CORS origins when CORS_ORIGINS is unset: a Vite dev server, the local Worker, the project's sites. */
export const DEFAULT_CORS_ORIGINS = 'http://localhost:5173,http://localhost:8787,https://*.edge-api.dev'
/** Access-token lifetime in seconds when ACCESS_TOKEN_TTL is unset: short, though every request also checks the account in D1. */
export const DEFAULT_ACCESS_TOKEN_TTL = 15 * 60
/** Retry-After in seconds when maintenance is switched on without one and MAINTENANCE_RETRY_AFTER is unset. */
export const DEFAULT_MAINTENANCE_RETRY_AFTER = 300

// An origin as cors() reads it: '*', or scheme://host[:port] where the host may hold `*` labels.
const ORIGIN = /^(\*|([a-z][a-z0-9+.-]*:\/\/)?[a-z0-9*]([a-z0-9*.-]*[a-z0-9*])?(:\d{1,5})?)$/i
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i

// Vars arrive as strings (wrangler.toml, .dev.vars, --var) or as numbers (a TOML number); both are read.
const raw = v.pipe(
  v.union([v.string(), v.number()]),
  v.transform((x) => String(x).trim()),
)

const list = (fallback: string, item: RegExp, example: string) =>
  v.pipe(
    v.optional(raw, fallback),
    v.transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    ),
    v.array(
      v.pipe(
        v.string(),
        v.regex(item, (issue) => `"${issue.input}" is not valid (expected e.g. ${example})`),
      ),
    ),
  )

const integer = (min: number, max: number, unit: string) =>
  v.pipe(
    raw,
    v.regex(/^\d+$/, `must be a whole number of ${unit}`),
    v.transform(Number),
    v.minValue(min, `must be at least ${min} ${unit}`),
    v.maxValue(max, `must be at most ${max} ${unit}`),
  )

const Vars = v.object({
  CORS_ORIGINS: list(DEFAULT_CORS_ORIGINS, ORIGIN, 'https://app.example.com or https://*.example.com'),
  ALLOWED_HOSTS: list('', HOST, 'api.example.com or *.example.com'),
  RATE_LIMIT_DEFAULT: v.optional(integer(1, 1_000_000_000, 'requests')),
  RATE_LIMIT_LOGIN: v.optional(integer(1, 1_000_000_000, 'attempts')),
  RATE_LIMIT_REAUTH: v.optional(integer(1, 1_000_000_000, 'attempts')),
  RATE_LIMIT_REAUTH_ACCOUNT: v.optional(integer(1, 1_000_000_000, 'attempts')),
  RATE_LIMIT_SIGNUP: v.optional(integer(1, 1_000_000_000, 'sign-ups')),
  ACCESS_TOKEN_TTL: v.optional(integer(60, 86_400, 'seconds'), String(DEFAULT_ACCESS_TOKEN_TTL)),
  MAINTENANCE_RETRY_AFTER: v.optional(integer(1, 86_400, 'seconds'), String(DEFAULT_MAINTENANCE_RETRY_AFTER)),
  // Optional here so routes without tokens still work; signing and verifying answer 503 while it is unset.
  JWT_SECRET: v.optional(v.pipe(v.string(), v.minLength(32, 'must be at least 32 characters (HS256 needs 256 bits)'))),
})

/**
 * The reference API's configuration, from wrangler.toml [vars], .dev.vars and secrets: parsed once per env
 * object at the first request. `appConfig.plugin` answers every request with a 503 problem naming the bad
 * variable while one is invalid, before the app's own middleware; elsewhere `appConfig(env)` gives the typed values.
 */
export const appConfig = defineConfig(
  v.pipe(
    Vars,
    v.transform((vars) => ({
      allowOrigin: originMatcher(vars.CORS_ORIGINS.includes('*') ? '*' : vars.CORS_ORIGINS),
      /** Undefined (ALLOWED_HOSTS empty or unset) allows every host. */
      allowedHosts: vars.ALLOWED_HOSTS.length ? vars.ALLOWED_HOSTS : undefined,
      /** Per rate-limit policy name; undefined keeps the policy's own limit. */
      rateLimits: {
        default: vars.RATE_LIMIT_DEFAULT,
        login: vars.RATE_LIMIT_LOGIN,
        reauth: vars.RATE_LIMIT_REAUTH,
        'reauth-account': vars.RATE_LIMIT_REAUTH_ACCOUNT,
        signup: vars.RATE_LIMIT_SIGNUP,
      } as Readonly<Record<string, number | undefined>>,
      accessTokenTtl: vars.ACCESS_TOKEN_TTL,
      maintenanceRetryAfter: vars.MAINTENANCE_RETRY_AFTER,
      jwtSecret: vars.JWT_SECRET,
    })),
  ),
)
