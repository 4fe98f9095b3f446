import * as v from 'valibot'
import { HttpError } from './errors'
import { middleware } from './middleware'
import type { Plugin } from './plugin'
import { problemResponse } from './problem'

/** The Worker's configuration, parsed from its vars and secrets; callable with `env` anywhere. */
export interface Config<T> {
  /** The parsed configuration of this env object; throws the configuration's 503 HttpError when it is invalid. */
  (env: object): T
  /**
   * The plugin that answers every request with that 503 problem while the configuration is invalid: its
   * middleware runs before the app's own, so nothing the app placed (CORS, a host check) reads a bad configuration.
   */
  readonly plugin: Plugin
}

type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HttpError }

/** Names each bad variable with valibot's message; never its value, which may be a secret. */
function configError(issues: readonly v.BaseIssue<unknown>[]): HttpError {
  const problems = issues.map((issue) => ({
    variable: v.getDotPath(issue) ?? '(configuration)',
    message: issue.message,
  }))
  const detail = `The Worker's configuration is invalid: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`
  return new HttpError(503, { detail, extensions: { variables: problems.map((p) => p.variable) } })
}

/**
 * Declares the Worker's configuration as one valibot schema over `env` (vars and secrets). It is parsed at
 * first use and memoised per env object (a WeakMap: no request state in module scope); an invalid one is
 * logged once and makes every request a 503 problem naming the variables, through `config.plugin`.
 * @example const config = defineConfig(v.object({ GREETING: v.optional(v.string(), 'Hello') }))
 * // createApp({ plugins: [config.plugin], handlers }); in a handler: config(env).GREETING
 */
export function defineConfig<TSchema extends v.GenericSchema<unknown, unknown>>(
  schema: TSchema,
): Config<v.InferOutput<TSchema>> {
  const cache = new WeakMap<object, Parsed<v.InferOutput<TSchema>>>()
  const parse = (env: object): Parsed<v.InferOutput<TSchema>> => {
    let parsed = cache.get(env)
    if (!parsed) {
      const result = v.safeParse(schema, env)
      parsed = result.success ? { ok: true, value: result.output } : { ok: false, error: configError(result.issues) }
      if (!parsed.ok)
        console.error(JSON.stringify({ level: 'error', msg: 'invalid configuration', detail: parsed.error.detail }))
      cache.set(env, parsed)
    }
    return parsed
  }
  const config = (env: object): v.InferOutput<TSchema> => {
    const parsed = parse(env)
    if (!parsed.ok) throw parsed.error
    return parsed.value
  }
  // Answered rather than thrown: the app logs every thrown 5xx, and this one was logged once already.
  const check = middleware({ name: 'config', errors: [503] }, function config(ctx, next) {
    const parsed = parse(ctx.env)
    return parsed.ok ? next() : problemResponse(parsed.error, ctx.path)
  })
  return Object.assign(config, { plugin: { name: 'config', before: [check] } })
}
