import type { RouteInfo } from './context'
import { deprecationOf } from './deprecation-notice'
import type { Provider } from './di'
import { handlesError, statusProblem } from './direct-problem'
import { HttpError } from './errors'
import type { AnyHandler } from './handler'
import { SCHEMA_OPTIONS, SPEC_OPTIONS } from './handler-spec-options'
import { checkNeeds } from './injection'
import type { Instrument } from './instrument'
import { KERNEL_RULES, type LayerConfig, MERGE_RULES, mergeUnder, NONE, type Rules } from './layers'
import { Matcher } from './match'
import { operationIdFor } from './operation-id'
import { entriesOf } from './params'
import { paramsCheck } from './params-check'
import { compileFor, compose, type ErrorReporter, exceptionHandlerFor } from './pipeline'
import type { Plugin } from './plugin'
import { requirementsOf } from './plugin-requirements'
import { Context } from './request-context'
import { requestIdOf } from './request-id'
import type { AppRoute } from './route'
import type { Router } from './router'
import { sortStages } from './stage'
import type { Trigger, TriggerScope } from './trigger'
import type { TriggerHandlers } from './trigger-host'
import type { Validator } from './validator'
import { viewCheck } from './view-check'

/** The app: the outermost layer, its handlers and routers, and what plugs into every route. */
export interface AppOptions extends LayerConfig {
  readonly handlers: readonly (AnyHandler | Router)[]
  /**
   * Features (rate limiting, response caching, auth schemes, ...): the options each owns, and its providers,
   * middleware and route stages. A layer option no plugin owns refuses to build.
   */
  readonly plugins?: readonly Plugin[]
  /** Where unexpected errors are reported; defaults to one JSON line on console.error. */
  readonly onError?: ErrorReporter
  /** Cron jobs and queue consumers (`edgestar/triggers`), run in the app layer's dependencies. */
  readonly triggers?: readonly Trigger[]
}

/** A built app: its flat routes and the Worker `fetch` handler, whose `env` is the app's `Env`. */
export interface App<Env = Cloudflare.Env> {
  readonly routes: readonly AppRoute[]
  readonly options: AppOptions
  readonly fetch: (request: Request, env: Env, executionCtx: ExecutionContext) => Promise<Response>
  /**
   * The same app built again with these providers replacing the layers' own on every route (they beat inner
   * providers). Decided at build time, so neither app pays anything per request; for tests (`testClient`).
   */
  withOverrides(providers: readonly Provider[]): App<Env>
  /** Its cron jobs and queue consumers: the plugins', then the app's own. */
  readonly triggers: readonly Trigger[]
  /** The Worker `scheduled` handler: runs the jobs declared for the controller's cron. */
  readonly scheduled: (controller: ScheduledController, env: Env, executionCtx: ExecutionContext) => Promise<void>
  /** The Worker `queue` handler: hands the batch to the consumer declared for its queue. */
  readonly queue: (batch: MessageBatch<unknown>, env: Env, executionCtx: ExecutionContext) => Promise<void>
  /** The dependency scope of a declared trigger (what a Workflow step runs in); throws for an undeclared name. */
  readonly triggerScope: (name: string, env: Env, executionCtx: ExecutionContext) => TriggerScope
}

// Shared by every route that has none (as layers' NONE is for lists): one per route added up to much of what
// building an app allocates.
const NO_OPT: Readonly<Record<string, unknown>> = Object.freeze({})
// An app without triggers answers every event, and a workflow's scope, with the error saying so.
const noTriggers = (): never => {
  throw new Error('The app declares no triggers: see createApp({ triggers })')
}
const NO_TRIGGERS: TriggerHandlers = {
  scheduled: async () => noTriggers(),
  queue: async () => noTriggers(),
  scopeOf: noTriggers,
}
const defaultStatus = { GET: 200, POST: 201, PUT: 200, PATCH: 200, DELETE: 204 } as const

const logError: ErrorReporter = (error, ctx) => {
  const e = error instanceof Error ? error : new Error(String(error))
  console.error(
    JSON.stringify({
      level: 'error',
      requestId: requestIdOf(ctx),
      method: ctx.request.method,
      path: ctx.path,
      route: ctx.route?.path,
      error: e.message,
      stack: e.stack,
    }),
  )
}

const APP_OPTIONS: Readonly<Record<string, unknown>> = { handlers: 1, plugins: 1, onError: 1, triggers: 1 }

/** The first option a layer sets that neither the kernel nor a plugin owns (undefined values set nothing). */
const unowned = (layer: object, rules: Rules, own?: Readonly<Record<string, unknown>>): string | undefined => {
  for (const key in layer)
    if (
      !Object.hasOwn(rules, key) &&
      !(own && Object.hasOwn(own, key)) &&
      (layer as Record<string, unknown>)[key] !== undefined
    )
      return key
  return undefined
}
const refuse = (where: string, option: string, on?: string): never => {
  throw new Error(
    `${where} sets the option "${option}"${on ? ` (on ${on})` : ''}, which no registered plugin owns: add ${option === 'params' || Object.hasOwn(SCHEMA_OPTIONS, option) ? 'validation()' : 'the plugin that provides it'} to createApp({ plugins })`,
  )
}

type Flat = { handler: AnyHandler; config: LayerConfig }[]
/** What a spec may set besides layer options: its schemas only when a plugin validates them. */
type SpecOptions = Readonly<Record<string, unknown>>
/**
 * Merges the tree into flat routes, refusing any option nobody owns: a router's is named with its first route (or
 * with the router itself when it has none).
 */
function flatten(
  node: AnyHandler | Router,
  outer: LayerConfig,
  out: Flat,
  rules: Rules,
  specOptions: SpecOptions,
  pending?: [string, string],
) {
  if (node.kind === 'router') {
    const merged = mergeUnder(outer, node.config, undefined, rules)
    const at = `router at ${merged.path ?? '/'}`
    const option = unowned(node.config, rules)
    const here = pending ?? (option ? [option, `the ${at}`] : undefined)
    for (const child of node.children) flatten(child, merged, out, rules, specOptions, here)
    // Reached only when no route below was refused.
    if (here) refuse(`The ${at}`, here[0])
  } else {
    const config = mergeUnder(outer, node.spec, node.path, rules)
    const where = `Route ${node.method} ${config.path ?? '/'}`
    if (pending) refuse(where, ...pending)
    const option = unowned(node.spec, rules, specOptions)
    if (option) refuse(where, option)
    out.push({ handler: node, config })
  }
}

/** The kernel's merge rules and every plugin's; two owners of one option refuse to build. */
function rulesOf(plugins: readonly Plugin[]): Rules {
  const rules: Record<string, Rules[string]> = { ...KERNEL_RULES }
  const owners: Record<string, string> = {}
  for (const plugin of plugins)
    for (const [option, rule] of Object.entries(plugin.options ?? {})) {
      // Path params are validated where they are merged: only a plugin that validates schemas may own them.
      if (
        (option === 'params' && !plugin.validator) ||
        Object.hasOwn(rules, option) ||
        Object.hasOwn(APP_OPTIONS, option) ||
        Object.hasOwn(SPEC_OPTIONS, option) ||
        Object.hasOwn(SCHEMA_OPTIONS, option)
      )
        throw new Error(
          `Plugin ${plugin.name} claims the option "${option}", which ${owners[option] ? `plugin ${owners[option]}` : 'the kernel'} owns`,
        )
      rules[option] = typeof rule === 'function' ? rule : MERGE_RULES[rule]
      owners[option] = plugin.name
    }
  return rules
}

/**
 * The app's operationIds: declared ones are checked unique as routes are added; the others are made from method
 * and path the first time any is read (the document generator, a guard that logs it), all at once and in route
 * order, with a number added where two would be equal or one equals a declared id. Making them was a fifth of
 * registering a thousand routes, and a Worker serving requests seldom reads one.
 */
class OperationIds {
  private readonly declared = new Set<string>()
  private readonly routes: [method: string, path: string, id: string | undefined][] = []
  private made: string[] | undefined

  add(name: string, method: string, path: string, id: string | undefined): number {
    if (id !== undefined) {
      if (this.declared.has(id)) throw new Error(`operationId "${id}" of ${name} is already used`)
      this.declared.add(id)
    }
    return this.routes.push([method, path, id]) - 1
  }

  of(index: number): string {
    if (!this.made) {
      const used = new Set(this.declared)
      this.made = this.routes.map(([method, path, id]) => {
        if (id !== undefined) return id
        const base = operationIdFor(method, path)
        let made = base
        for (let n = 2; used.has(made); n++) made = `${base}${n}`
        used.add(made)
        return made
      })
    }
    return this.made[index]!
  }
}

/** What guards and middleware know of a route; its operationId is made when first read. */
class Info implements RouteInfo {
  declare readonly method: string
  declare readonly path: string
  declare readonly tags: readonly string[]
  declare readonly opt: Readonly<Record<string, unknown>>
  declare private readonly ids: OperationIds
  declare private readonly index: number
  constructor(
    method: string,
    path: string,
    tags: readonly string[],
    opt: Readonly<Record<string, unknown>>,
    ids: OperationIds,
    index: number,
  ) {
    Object.assign(this, { method, path, tags, opt, ids, index })
  }

  get operationId(): string {
    return this.ids.of(this.index)
  }
}

/** A route in the matcher, and its pipeline once compiled. */
interface Entry {
  readonly route: AppRoute
  run: ((ctx: Context) => Promise<Response>) | undefined
}

type Item<T> = T extends readonly (infer U)[] ? U : T
/** Every plugin's entries of one list (or its one value), in plugin order. */
const fromPlugins = <
  K extends 'dependencies' | 'before' | 'middleware' | 'triggers' | 'instrument' | 'env' | 'validator',
>(
  plugins: readonly Plugin[],
  key: K,
): Item<NonNullable<Plugin[K]>>[] =>
  plugins.flatMap((p) => (p[key] ?? NONE) as Item<NonNullable<Plugin[K]>> | readonly Item<NonNullable<Plugin[K]>>[])

function resolveRoutes(
  options: AppOptions,
  overrides: readonly Provider[],
  plugins: readonly Plugin[],
  instrument: Instrument | undefined,
  dependencies: readonly Provider[],
  validator: Validator | undefined,
): { routes: AppRoute[]; middleware: LayerConfig['middleware'] } {
  const rules = plugins.length ? rulesOf(plugins) : KERNEL_RULES
  const option = unowned(options, rules, APP_OPTIONS)
  if (option) refuse('The app', option)
  // What plugins add sits at the app layer: their providers under the app's own (which win), their `before`
  // middleware ahead of the app's and the rest after it, behind the check that the bindings they require are there.
  // The app's own options without a merge rule (handlers, plugins, ...) are not layer options: merging skips them.
  const requirements = plugins.length ? requirementsOf(plugins) : undefined
  const middleware = options.middleware ?? NONE
  const withPlugins: LayerConfig = {
    ...options,
    dependencies,
    middleware: plugins.length
      ? [
          ...fromPlugins(plugins, 'before'),
          ...middleware,
          ...(requirements ? [requirements] : NONE),
          ...fromPlugins(plugins, 'middleware'),
        ]
      : middleware,
  }
  const flat: Flat = []
  // Merged once under nothing, the app's layer is a merge result, which every layer below merges under cheaply.
  const root = mergeUnder({}, withPlugins, undefined, rules)
  const specOptions = validator ? { ...SPEC_OPTIONS, ...SCHEMA_OPTIONS } : SPEC_OPTIONS
  for (const node of options.handlers) flatten(node, root, flat, rules, specOptions)
  const seen = new Set<string>()
  const staged = plugins.filter((p) => p.stages)
  const ids = new OperationIds()
  // Routes of one layer share its dependency list (merging keeps it as it is), so they share one lookup.
  const lookups = new Map<readonly Provider[] | undefined, Map<string, Provider>>()
  const routes = flat.map(({ handler, config }) => {
    const path = config.path ?? '/'
    const name = `${handler.method} ${path}`
    if (seen.has(name)) throw new Error(`Route ${name} is registered twice`)
    seen.add(name)
    const index = ids.add(name, handler.method, path, handler.spec.operationId)
    if (handler.spec.body && handler.spec.readBody !== false && !handler.parseBody)
      throw new Error(`Route ${name} declares a body, which a ${handler.method} handler does not read`)
    let providers = lookups.get(config.dependencies)
    if (!providers) {
      providers = new Map<string, Provider>((config.dependencies ?? []).map((p) => [p.key.name, p]))
      for (const p of overrides) providers.set(p.key.name, p)
      if (instrument) for (const [name, p] of providers) providers.set(name, instrumentProvider(p, instrument))
      lookups.set(config.dependencies, providers)
    }
    if (handler.spec.inject) checkNeeds(name, Object.values(handler.spec.inject), providers)
    for (const g of config.guards ?? NONE) if (g.meta?.inject) checkNeeds(name, Object.values(g.meta.inject), providers)
    // The routers' params merged with the handler's own: one schema, validated once, that the document shows.
    const spec = config.params === handler.spec.params ? handler.spec : { ...handler.spec, params: config.params }
    validator?.check(name, path, spec)
    const own = entriesOf(spec.params)
    // Only `guard()` and `provide()` make a params reader, and the first one brings the check; a guard given params
    // by hand would go unchecked, so it refuses instead.
    if (paramsCheck.readers) paramsCheck.readers(name, own, config.guards ?? NONE, providers)
    else
      for (const g of config.guards ?? NONE)
        if (g.meta?.params)
          throw new Error(`Route ${name}: guard ${g.meta.name ?? g.name} reads params but was not made by guard()`)
    viewCheck.run?.(name, handler.spec, config.guards ?? NONE)
    const deprecation = deprecationOf(`Route ${name}`, config.deprecated)
    const route: { -readonly [K in keyof AppRoute]: AppRoute[K] } = {
      method: handler.method,
      path,
      handler,
      spec,
      config,
      providers,
      status: handler.spec.status ?? defaultStatus[handler.method],
      info: new Info(handler.method, path, config.tags ?? NONE, config.opt ?? NO_OPT, ids, index),
      stages: NONE,
      ...(deprecation ? { deprecation } : {}),
    }
    if (staged.length) route.stages = sortStages(staged.flatMap((plugin) => plugin.stages!(route)))
    return route
  })
  return { routes, middleware: root.middleware }
}

/** A provider whose factory runs inside the instrument (a span per dependency made). */
const instrumentProvider = (provider: Provider, instrument: Instrument): Provider => ({
  ...provider,
  factory: instrument('provider', provider.key.name, provider.factory),
})

const pathOf = (url: string): string => {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start === -1) return '/'
  const q = url.indexOf('?', start)
  const h = url.indexOf('#', start)
  const end = q === -1 ? (h === -1 ? url.length : h) : q
  return url.slice(start, end)
}

/** The answer to HEAD: GET's status and headers, Content-Length included, without the body. */
async function headOf(response: Response): Promise<Response> {
  if (!response.body || response.headers.has('content-length')) return new Response(null, response)
  const length = (await response.arrayBuffer()).byteLength
  const head = new Response(null, response)
  head.headers.set('content-length', String(length))
  return head
}

/**
 * Builds the app once: merges every layer into flat routes, checks every dependency has a provider,
 * compiles each route's pipeline, and returns the Worker's `fetch`.
 * @example export default createApp({ handlers: [...documentRoutes(document), greet, widgets] })
 */
export function createApp<Env = Cloudflare.Env>(options: AppOptions): App<Env> {
  return build<Env>(options, [])
}

function build<Env>(options: AppOptions, overrides: readonly Provider[]): App<Env> {
  const onError = options.onError ?? logError
  const plugins = options.plugins ?? NONE
  // Several instruments or env wrappers act as one, in plugin order (the first instrument outermost).
  const instruments = fromPlugins(plugins, 'instrument')
  const instrument = instruments[1] ? instruments[0]!.all(instruments) : instruments[0]
  const envs = fromPlugins(plugins, 'env')
  const wrapEnv = envs[1] ? (env: Cloudflare.Env) => envs.reduce((e, wrap) => wrap(e), env) : envs[0]
  // Routes and triggers see the app layer's providers alike: the plugins' under the app's own.
  const dependencies = [...fromPlugins(plugins, 'dependencies'), ...(options.dependencies ?? NONE)]
  const validators = fromPlugins(plugins, 'validator')
  if (validators[1]) throw new Error('Two plugins have a validator')
  const validator = validators[0]
  const { routes, middleware } = resolveRoutes(options, overrides, plugins, instrument, dependencies, validator)
  // Everything that can be wrong with a route was checked above. Its pipeline is compiled when it is first
  // requested: an isolate serves few of many routes, and compiling the rest cost most of building an app.
  const matcher = new Matcher<Entry>()
  for (const route of routes) matcher.add(route.method, route.path, { route, run: undefined })

  // Answers for requests no route serves still pass through the app's own middleware.
  const appHandle = exceptionHandlerFor(options.exceptionHandlers)
  // The 404 is written directly unless an app exception handler could take it.
  const direct404 = !options.exceptionHandlers?.length || !handlesError(options.exceptionHandlers, new HttpError(404))
  // Answered, not thrown: a rejection caught one await later costs more than the whole 404.
  const unmatched = async (ctx: Context, found?: readonly string[]): Promise<Response> => {
    const allowed = found ?? matcher.allowed(ctx.path)
    if (allowed.length === 0) {
      const detail = `No route for ${ctx.path}`
      return direct404 ? statusProblem(404, detail, ctx.path) : appHandle(new HttpError(404, { detail }), ctx, onError)
    }
    const allow = [...[...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].sort(), 'OPTIONS'].join(', ')
    if (ctx.request.method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow } })
    const detail = `${ctx.request.method} is not allowed on ${ctx.path}`
    return appHandle(new HttpError(405, { detail, headers: { allow } }), ctx, onError)
  }
  const answerWith = (answer: (ctx: Context) => Promise<Response>) =>
    middleware?.length ? compose(middleware, answer, (e, ctx) => appHandle(e, ctx, onError)) : answer
  // An instrumenting plugin brings what makes the unmatched answer into parts (`defineInstrument`).
  const fallback = instrument ? instrument.unmatched(matcher, unmatched, answerWith, instrument) : answerWith(unmatched)

  // Not async: it returns the route's own promise rather than wrapping it in another.
  const fetch = (request: Request, env: Cloudflare.Env, executionCtx: ExecutionContext): Promise<Response> => {
    const path = pathOf(request.url)
    const ctx = new Context(request, wrapEnv ? wrapEnv(env) : env, executionCtx, path)
    const method = request.method
    const found = matcher.match(method === 'HEAD' ? 'GET' : method, path)
    if (!found) return fallback(ctx)
    const entry = found.route
    const route = entry.route
    entry.run ??= compileFor(route, onError, instrument, validator)
    const run = entry.run
    ctx.route = route.info
    ctx.segments = found.params
    ctx.providers = route.providers
    const answer = method === 'HEAD' ? run(ctx).then(headOf) : run(ctx)
    // Only a route with providers can have made a value with a cleanup; the others pay nothing for it.
    return route.providers.size ? ctx.settle(answer) : answer
  }
  const withOverrides = (more: readonly Provider[]) => build<Env>(options, [...overrides, ...more])
  const triggers = [...fromPlugins(plugins, 'triggers'), ...(options.triggers ?? NONE)]
  // The triggers bring the code that runs them: an app without one answers every event with the error saying so.
  const { scheduled, queue, scopeOf } = triggers.length
    ? triggers[0]!.host(triggers, dependencies, overrides, onError)
    : NO_TRIGGERS
  // The env type is the app's promise about its bindings; the kernel itself never reads a binding.
  return {
    routes,
    options,
    fetch: fetch as unknown as App<Env>['fetch'],
    withOverrides,
    triggers,
    scheduled: scheduled as unknown as App<Env>['scheduled'],
    queue: queue as unknown as App<Env>['queue'],
    triggerScope: scopeOf as unknown as App<Env>['triggerScope'],
  }
}
