import type { RequestContext, RouteInfo } from './context'
import { type DependencyKey, type Provider, resolveAll } from './di'

const NO_PROVIDERS = new Map<string, Provider>()
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({})

/** The one object a request carries through middleware, guards, providers and its handler. */
export class Context implements RequestContext {
  route: RouteInfo | undefined = undefined
  rawParams: Readonly<Record<string, string>>
  providers: ReadonlyMap<string, Provider> = NO_PROVIDERS
  params: unknown = undefined
  query: unknown = undefined
  headers: unknown = undefined
  cookies: unknown = undefined
  body: unknown = undefined
  private _url: URL | undefined = undefined
  private _headers: Headers | undefined = undefined
  private _state: Map<string, unknown> | undefined = undefined
  private _resolved: Map<string, Promise<unknown>> | undefined = undefined

  constructor(
    readonly request: Request,
    readonly env: Cloudflare.Env,
    readonly executionCtx: ExecutionContext,
    readonly path: string,
  ) {
    this.rawParams = NO_PARAMS
  }

  get url(): URL {
    if (!this._url) this._url = new URL(this.request.url)
    return this._url
  }

  get responseHeaders(): Headers {
    if (!this._headers) this._headers = new Headers()
    return this._headers
  }

  /** Headers set through `responseHeaders`, if any were. */
  get addedHeaders(): Headers | undefined {
    return this._headers
  }

  get state(): Map<string, unknown> {
    if (!this._state) this._state = new Map()
    return this._state
  }

  resolve<T>(key: DependencyKey<T>): Promise<T> {
    if (!this._resolved) this._resolved = new Map()
    let pending = this._resolved.get(key.name)
    if (!pending) {
      const provider = this.providers.get(key.name)
      if (!provider) return Promise.reject(new Error(`No provider for dependency "${key.name}"`))
      pending = this.make(provider)
      this._resolved.set(key.name, pending)
    }
    return pending as Promise<T>
  }

  /**
   * Resolves like `resolve`, but hands back the value itself when its provider made it synchronously and
   * nothing resolved it before, sparing the handler an await. Internal to the pipeline.
   */
  resolveNow(key: DependencyKey<unknown>): unknown {
    const provider = this.providers.get(key.name)
    if (!provider || this._resolved?.has(key.name)) return this.resolve(key)
    for (const _ in provider.inject) return this.resolve(key)
    let value: unknown
    try {
      value = provider.factory(this as this & Record<string, unknown>)
    } catch (e) {
      value = Promise.reject(e)
    }
    if (!this._resolved) this._resolved = new Map()
    this._resolved.set(key.name, value instanceof Promise ? value : Promise.resolve(value))
    return value
  }

  waitUntil(promise: Promise<unknown>): void {
    this.executionCtx.waitUntil(promise)
  }

  private async make(provider: Provider): Promise<unknown> {
    // A provider without injections (most of them) is called on this context directly.
    for (const _ in provider.inject)
      return provider.factory(Object.assign(Object.create(this), await resolveAll(this, provider.inject)))
    return provider.factory(this as this & Record<string, unknown>)
  }
}
