import type { WebhookDoc } from './callback'
import type { Provider } from './di'
import type { Instrument } from './instrument'
import type { MergeRule } from './layers'
import type { Middleware } from './middleware'
import type { ResolvedRoute } from './route'
import type { Stage } from './stage'
import type { Trigger } from './trigger'
import type { Validator } from './validator'

/**
 * A feature's one way into an app: the layer options it owns and what it adds. `createApp({ plugins })` refuses
 * a layer or route that sets an option no registered plugin owns, so a feature that was not plugged in can never
 * be a silent no-op; a plugin's option types reach `router()` and handler specs by declaration merging
 * (`declare module 'edgestar' { interface PluginOptions { ... } }`, declared in the entry itself), only where the plugin is imported.
 * @example createApp({ plugins: [rateLimit({ binding: (env) => env.RATE_LIMITER })], rateLimit: [policy], handlers })
 */
export interface Plugin {
  /** Names the plugin in errors. */
  readonly name: string
  /** The layer options it owns, each with its merge rule. */
  readonly options?: Readonly<Record<string, MergeRule>>
  /** Providers added at the app layer; any layer may provide the same key again, inner winning. */
  readonly dependencies?: readonly Provider[]
  /**
   * Middleware run before the app's own, outermost, in plugin order: for what must answer before anything the app
   * placed reads it (the validated configuration's 503 ahead of the CORS and host checks that read the
   * configuration).
   */
  readonly before?: readonly Middleware[]
  /** Middleware run after the app's own, in plugin order. */
  readonly middleware?: readonly Middleware[]
  /**
   * A route's stages, from its merged options, when the app is built: throw to refuse the route (name the route
   * and the option). Each stage declares its position and its part of the route's OpenAPI operation.
   */
  readonly stages?: (route: ResolvedRoute) => readonly Stage[]
  /**
   * The bindings, secrets and variables it reads that `env` lacks, by name. Checked once per `env` before the
   * first request it serves reaches the plugin's middleware or stages: anything missing answers a 503 problem
   * naming nothing secret, and logs the names.
   */
  readonly requires?: (env: Cloudflare.Env) => readonly string[]
  /**
   * Wraps each part of every route (the route as a whole, each middleware, stage, guard, provider, the handler)
   * when it is compiled: tracing. The answer to a request no route serves is a `request` part too, named for its
   * outcome (`unmatched 404`, `unmatched 405`, `unmatched OPTIONS`; `ctx.route` unset). Made by `defineInstrument`,
   * which brings the code for that answer. Without a plugin that has one, routes and that answer compile as if the
   * hook did not exist.
   */
  readonly instrument?: Instrument
  /** Replaces the bindings every request sees (e.g. with ones that trace their calls); called per request. */
  readonly env?: (env: Cloudflare.Env) => Cloudflare.Env
  /** Requests it sends to receivers outside the app, by name: the OpenAPI document's `webhooks`. */
  readonly webhooks?: Readonly<Record<string, WebhookDoc>>
  /**
   * What checks routes' schemas (params, query, headers, cookies, body, response): the `validation()` plugin's. An
   * app without one refuses a route that declares a schema; two plugins with one refuse to build.
   */
  readonly validator?: Validator
  /** Cron jobs and queue consumers it runs (its queue's consumer, a purge of its records), before the app's own. */
  readonly triggers?: readonly Trigger[]
}
