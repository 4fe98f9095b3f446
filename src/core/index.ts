// The kernel entry (`edgestar`): handlers, routers, the app, dependency injection, guards, errors, middleware, the
// validated configuration and the plugin contract features build on. Features live in subpath entries
// (`edgestar/data`, `/middleware`, ...); modules not re-exported by an entry are internals.
export { type App, type AppOptions, createApp } from './kernel/app'
export { assetDocumentRoutes } from './kernel/asset-document-routes'
export { fromBase64, fromBase64url, toBase64, toBase64url } from './kernel/base64'
export { DEFAULT_BODY_LIMIT, readLimited } from './kernel/body'
export { boundedKey, sha256Hex } from './kernel/bounded-key'
export type { CallbackDoc, WebhookDoc } from './kernel/callback'
export { type Cleanup, type CleanupTiming, withCleanup } from './kernel/cleanup'
export type { RequestContext, RouteInfo } from './kernel/context'
export { cookiesOf, parseCookieHeader } from './kernel/cookie-jar'
export { type Config, defineConfig } from './kernel/define-config'
export { defineInstrument } from './kernel/define-instrument'
export { type DeprecationOptions, deprecation } from './kernel/deprecation'
export type { Deprecation, DeprecationFacts, DeprecationNotice } from './kernel/deprecation-notice'
export {
  type DependencyKey,
  dependency,
  type Injections,
  type Made,
  type Provider,
  provide,
  type Resolved,
} from './kernel/di'
export { type DocsPage, documentRoutes } from './kernel/document-routes'
export { type DocumentSource, fromAssets } from './kernel/document-source'
export { type EnvBound, withEnv } from './kernel/env'
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
} from './kernel/errors'
export { type Guard, type GuardMeta, guard, type SecurityRequirement } from './kernel/guard'
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
} from './kernel/handler'
export { hmacSha256Key } from './kernel/hmac-key'
export type { Instrument, PartKind, WrapPart, WrapUnmatched } from './kernel/instrument'
export type {
  ErrorClass,
  ExceptionHandler,
  ExceptionHandlerEntry,
  LayerConfig,
  MergeRule,
} from './kernel/layers'
export { markPrivate } from './kernel/mark-private'
export { type Middleware, type MiddlewareMeta, middleware, type Next } from './kernel/middleware'
export type { ParamsSchema, WithParamsOf } from './kernel/params'
export type { Plugin } from './kernel/plugin'
export { type Privacy, type PrivateField, privateFields } from './kernel/private-field'
export type { ExposesPrivate } from './kernel/private-views'
export { PROBLEM_JSON, problemResponse } from './kernel/problem'
export { randomToken } from './kernel/random-token'
export { rawPathParams } from './kernel/request-context'
export { ResponseMismatch } from './kernel/response-mismatch'
export type { AppRoute, ResolvedRoute } from './kernel/route'
export { type Router, type RouterOptions, router } from './kernel/router'
export { isSafeMethod } from './kernel/safe-method'
export { STAGE_ORDER, type Stage, type StagePosition } from './kernel/stage'
export type {
  QueueTrigger,
  ScheduledTrigger,
  Trigger,
  TriggerContext,
  TriggerScope,
  WorkflowTrigger,
} from './kernel/trigger'
export { unreadableBody } from './kernel/unreadable-body'
export { validation } from './kernel/validation'
export type { Validator } from './kernel/validator'
export {
  type DefineWithParams,
  type MergedParams,
  type ParamsBound,
  type SpecWithParams,
  withParams,
} from './kernel/with-params'

/**
 * Layer options that plugins own, added by declaration merging where a plugin is imported. Declared here, in the
 * entry itself, so a plugin of the app's own and the package's plugins merge into one declaration:
 * `declare module 'edgestar' { interface PluginOptions { audit?: boolean } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the plugins' declaration merging
export interface PluginOptions {}

/**
 * The feature factories that read `env` (`bearerJwt`, `rateLimit`, `kvStore`, ...), typed by an app's `Env`: each
 * feature entry adds its own by declaration merging, and `withEnv<Env>().bind(entry)` hands them back so typed.
 */
// biome-ignore lint/correctness/noUnusedVariables: Env is used by the declarations the feature entries merge in
// biome-ignore lint/suspicious/noEmptyInterface: filled by the feature entries' declaration merging
export interface EnvFactories<Env> {}
