// The kernel entry (`edgestar`): handlers, routers, the app, dependency injection, guards, errors, middleware, the
// validated configuration and the plugin contract features build on. Features live in subpath entries
// (`edgestar/data`, `/middleware`, ...); modules not re-exported by an entry are internals.
export { type App, type AppOptions, createApp } from './app'
export { DEFAULT_BODY_LIMIT, readLimited } from './body'
export { boundedKey, sha256Hex } from './bounded-key'
export type { RequestContext, RouteInfo } from './context'
export { cookiesOf, parseCookieHeader } from './cookie-jar'
export { type Config, defineConfig } from './define-config'
export { type DependencyKey, dependency, type Injections, type Provider, provide, type Resolved } from './di'
export { type DocsPage, documentRoutes } from './document-routes'
export { type EnvBound, withEnv } from './env'
export {
  badRequest,
  conflict,
  type FieldProblem,
  forbidden,
  HttpError,
  type HttpErrorOptions,
  notFound,
  preconditionFailed,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  ValidationError,
} from './errors'
export { type Guard, type GuardMeta, guard, type SecurityRequirement } from './guard'
export {
  type AnyHandler,
  type BodyType,
  type Define,
  del,
  get,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  type HandlerSpec,
  type Method,
  patch,
  post,
  put,
  type Responder,
  type ResponseDoc,
} from './handler'
export type {
  ErrorClass,
  ExceptionHandler,
  ExceptionHandlerEntry,
  LayerConfig,
  MergeRule,
} from './layers'
export { type Middleware, type MiddlewareMeta, middleware, type Next } from './middleware'
export type { Plugin } from './plugin'
export { PROBLEM_JSON, problemResponse } from './problem'
export { rawPathParams } from './request-context'
export type { AppRoute, ResolvedRoute } from './route'
export { type Router, type RouterOptions, router } from './router'
export { STAGE_ORDER, type Stage, type StagePosition } from './stage'
export { unreadableBody } from './unreadable-body'

/**
 * Layer options that plugins own, added by declaration merging where a plugin is imported. Declared here, in the
 * entry itself, so a plugin of the app's own and the package's plugins merge into one declaration:
 * `declare module 'edgestar' { interface PluginOptions { audit?: boolean } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the plugins' declaration merging
export interface PluginOptions {}
