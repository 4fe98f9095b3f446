import type { Cleanup, Disposers } from './cleanup'
import type { RequestContext, RouteInfo } from './context'
import { type DependencyKey, type Injections, type Provider, resolveAll } from './di'
import { disposal } from './disposal'
import { injection } from './injection'

const NO_PROVIDERS = new Map<string, Provider>()
const NO_PARAMS: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({})

/**
 * The one object a request carries through middleware, guards, providers and its handler. Guards and providers
 * that inject see it through a view (`withDeps`) whose only own field is `deps`, so request state they set lands
 * here, on the root.
 */
export class Context implements RequestContext, Disposers {
  route: RouteInfo | undefined = undefined
  /** The matcher's still-encoded segments: the kernel's input to the params stage, nobody else's. */
  segments: Readonly<Record<string, string>> = NO_PARAMS
  providers: ReadonlyMap<string, Provider> = NO_PROVIDERS
  params: unknown = undefined
  query: unknown = undefined
  headers: unknown = undefined
  cookies: unknown = undefined
  body: unknown = undefined
  /** The handler's resolved injections: their own object, so no dependency name can shadow a context field. */
  deps: Record<string, unknown> | undefined = undefined
  /** The context views share: lazily made state is always kept here. */
  private readonly root: Context = this
  private _url: URL | undefined = undefined
  private _headers: Headers | undefined = undefined
  private _state: Map<string, unknown> | undefined = undefined
  /** What each key resolved to in this request (the injector's, on the root). */
  resolved: Map<string, Promise<unknown>> | undefined = undefined
  /** Disposers of values providers made with `withCleanup`; `null` once handed over (later ones run at once). */
  cleanups: Cleanup<unknown>[] | null | undefined = undefined

  constructor(
    readonly request: Request,
    readonly env: Cloudflare.Env,
    readonly executionCtx: ExecutionContext,
    readonly path: string,
  ) {}

  get url(): URL {
    const root = this.root
    if (!root._url) root._url = new URL(this.request.url)
    return root._url
  }

  get responseHeaders(): Headers {
    const root = this.root
    if (!root._headers) root._headers = new Headers()
    return root._headers
  }

  /** Headers set through `responseHeaders`, if any were. */
  get addedHeaders(): Headers | undefined {
    return this.root._headers
  }

  get state(): Map<string, unknown> {
    const root = this.root
    if (!root._state) root._state = new Map()
    return root._state
  }

  resolve<T>(key: DependencyKey<T>): Promise<T> {
    const injector = injection.injector
    // Without it no provider was ever made (`provide()` brings it), so there is nothing to resolve.
    return (
      injector
        ? injector.resolve(this.root, key)
        : Promise.reject(new Error(`No provider for dependency "${key.name}"`))
    ) as Promise<T>
  }

  /**
   * Resolves like `resolve`, but hands back the value itself when its provider made it synchronously and
   * nothing resolved it before, sparing the handler an await. Internal to the pipeline.
   */
  resolveNow(key: DependencyKey<unknown>): unknown {
    const injector = injection.injector
    return injector ? injector.resolveNow(this.root, key) : this.resolve(key)
  }

  waitUntil(promise: Promise<unknown>): void {
    this.executionCtx.waitUntil(promise)
  }

  /**
   * `outcome`, once the request's disposers ran (`cleanUpAfter`) if its providers made any: only `withCleanup`
   * makes one, and it brings the code that runs them.
   */
  settle<R>(outcome: Promise<R>): Promise<R> {
    const root = this.root
    return outcome.then(
      (value) => (root.cleanups ? disposal.after!(root, Promise.resolve(value)) : value),
      (error) => (root.cleanups ? disposal.after!(root, Promise.reject(error)) : Promise.reject(error)),
    )
  }

  takeCleanups(): Cleanup<unknown>[] | undefined {
    const root = this.root
    const list = root.cleanups
    root.cleanups = null
    return list ?? undefined
  }
}

/** A view of the context whose `deps` are the given injections, resolved; for guards and providers. */
export async function withDeps<C extends RequestContext>(
  ctx: C,
  inject: Injections,
): Promise<C & { deps: Record<string, unknown> }> {
  const view = Object.create(ctx) as C & { deps: Record<string, unknown> }
  view.deps = await resolveAll(ctx, inject)
  return view
}

/**
 * The still percent-encoded path segments the matcher found: an escape hatch for code that must see the bytes
 * as sent (a proxy, a signature check). Decisions about a resource use `ctx.params`, decoded and validated once.
 * @example const raw = rawPathParams(ctx).key
 */
export const rawPathParams = (ctx: RequestContext): Readonly<Record<string, string>> =>
  ctx instanceof Context ? ctx.segments : ((ctx as { segments?: Record<string, string> }).segments ?? NO_PARAMS)
