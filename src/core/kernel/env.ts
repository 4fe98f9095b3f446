import type { EnvFactories } from '../index'
import { type App, type AppOptions, createApp } from './app'
import type { RequestContext, RouteInfo } from './context'
import { type DependencyKey, type Injections, type Made, type Provider, provide, type Resolved } from './di'
import { type Guard, type GuardMeta, guard } from './guard'
import { type Define, del, get, patch, post, put } from './handler'
import { type Middleware, type MiddlewareMeta, middleware, type Next } from './middleware'
import type { ParamsSchema } from './params'
import { type Router, type RouterOptions, router } from './router'
import { type ParamsBound, withParams } from './with-params'

/** The kernel's factories with `ctx.env` typed as the app's own bindings. */
export interface EnvBound<Env> {
  readonly get: Define<Env>
  readonly post: Define<Env>
  readonly put: Define<Env>
  readonly patch: Define<Env>
  readonly del: Define<Env>
  readonly guard: <const I extends Injections = Record<never, never>>(
    meta: GuardMeta & { inject?: I },
    check: (ctx: RequestContext<Env> & { readonly deps: Resolved<I> }, route: RouteInfo) => void | Promise<void>,
  ) => Guard
  readonly provide: {
    <T>(key: DependencyKey<T>, factory: (ctx: RequestContext<Env>) => Made<T>): Provider<T>
    <T, const I extends Injections>(
      key: DependencyKey<T>,
      options: { inject: I },
      factory: (ctx: RequestContext<Env> & { readonly deps: Resolved<I> }) => Made<T>,
    ): Provider<T>
  }
  readonly middleware: (
    meta: MiddlewareMeta,
    fn: (ctx: RequestContext<Env>, next: Next) => Response | Promise<Response>,
  ) => Middleware
  /** A router: its guards, providers and middleware made by these factories see the same `Env`. */
  readonly router: (options: RouterOptions) => Router
  readonly createApp: (options: AppOptions) => App<Env>
  /** `withParams` with `ctx.env` typed as `Env` too. */
  readonly withParams: <P extends ParamsSchema>(params: P) => ParamsBound<P, Env>
  /**
   * A feature entry's factories that read `env`, typed by this `Env`; the entry's other exports pass through. The
   * same functions at run time.
   * @example import * as auth from 'edgestar/auth'; const { bearerJwt } = bind(auth) // secret: (env) => env.JWT_SECRET
   */
  readonly bind: <F extends object>(
    entry: F,
  ) => Omit<F, keyof EnvFactories<Env>> & Pick<EnvFactories<Env>, keyof F & keyof EnvFactories<Env>>
}

const bind = <F>(entry: F): F => entry
const bound = { get, post, put, patch, del, guard, provide, middleware, router, createApp, withParams, bind }

/**
 * Binds the kernel's factories to your Worker's `Env`, so handlers, guards, providers, middleware and routers see
 * `ctx.env` as that type (without it, `Cloudflare.Env`, which `wrangler types` fills), and `bind(entry)` types a
 * feature entry's blocks that read `env` (`bearerJwt`'s secret, `rateLimit`'s binding, `kvStore`, ...) by the same
 * `Env`. The same functions at run time: no cost.
 * @example export const { get, post, router, guard, provide, createApp, bind } = withEnv<Env>()
 */
export const withEnv = <Env>(): EnvBound<Env> => bound as unknown as EnvBound<Env>
