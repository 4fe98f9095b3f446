// The framework's public entry: the only module application code imports.
export { type App, type AppOptions, createApp } from './app'
export { asyncApiRoute } from './asyncapi/asyncapi-route'
export { type AsyncApiInfo, generateAsyncApi } from './asyncapi/generate'
export { type ApiKeyAuthOptions, apiKeyAuth, type StoredApiKey } from './auth/api-key-auth'
export { type GeneratedApiKey, generateApiKey, parseApiKey } from './auth/api-key-secret'
export {
  type AuthErrorCode,
  type AuthScheme,
  authError,
  authScheme,
  challengeHeader,
  type RequireOptions,
  type SchemeParts,
  type SecuritySchemeDoc,
} from './auth/auth-scheme'
export { type BearerJwt, type BearerJwtOptions, bearerJwt } from './auth/bearer-jwt'
export { type CookieSession, type CookieSessionOptions, cookieSession } from './auth/cookie-session'
export { type CookieOptions, readCookie, setCookie } from './auth/cookies'
export { type Csrf, type CsrfOptions, csrf } from './auth/csrf'
export { firstOf } from './auth/first-of'
export { type HttpBasicOptions, httpBasic } from './auth/http-basic'
export { InvalidCredentials } from './auth/invalid-credentials'
export { d1SessionStore, type SessionRecord, type SessionStore } from './auth/session-store'
export { secretsEqual, timingSafeEqual } from './auth/timing-safe-equal'
export { DEFAULT_BODY_LIMIT, readLimited } from './body'
export { boundedKey, sha256Hex } from './bounded-key'
export { type ResponseCacheOptions, responseCache } from './cache/response-cache'
export { recordWrite, writeRecorder, writtenTags } from './cache/written-tags'
export {
  conditionalHeaders,
  entityTag,
  etagHeader,
  notModified,
  notModifiedResponse,
  versioned,
  versionsFromIfMatch,
} from './conditional'
export { contentDisposition } from './content-disposition'
export type { RequestContext, RouteInfo } from './context'
export { constraintError } from './data/constraint-error'
export { type CursorPosition, openCursor, signCursor } from './data/cursor'
export { type D1SessionOptions, d1Session } from './data/d1-session'
export { type DtoMeta, dto, exclude, include, inputDto, type PartialEntries, partial } from './data/dto'
export {
  type CursorPage,
  type FilterOp,
  type ListDeclaration,
  type ListEndpoint,
  type ListRunOptions,
  listEndpoint,
  type OffsetPage,
  type PageOf,
} from './data/list-endpoint'
export { defineModel, type InsertOf, type Model, type ModelDefinition, type RowOf, toSnakeCase } from './data/model'
export { cursorPageOf, pageOf, pageQuery, pageWindow } from './data/page'
export {
  type ListOptions,
  Repository,
  type RepositoryOptions,
  type SqlDatabase,
  type WriteOptions,
} from './data/repository'
export { walk } from './data/walk'
export type { Condition, Search, SqlValue, Where } from './data/where-clause'
export { type Config, defineConfig } from './define-config'
export { type DependencyKey, dependency, type Injections, type Provider, provide, type Resolved } from './di'
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
  statusTitle,
  tooManyRequests,
  unauthorized,
  VALIDATION_PROBLEM_TYPE,
  ValidationError,
} from './errors'
export { type ConsumeEventsOptions, consumeEvents } from './events/consume-events'
export { emit } from './events/emit'
export {
  type AnyListener,
  type EventKey,
  type EventMessage,
  event,
  type Listener,
  type ListenerContext,
  listen,
} from './events/event'
export { type EventsOptions, events } from './events/events'
export { type Guard, type GuardMeta, guard, type SecurityRequirement } from './guard'
export {
  type AnyHandler,
  type BodyType,
  del,
  type EventOf,
  get,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  type HandlerSpec,
  type Method,
  patch,
  post,
  put,
  type ResponseDoc,
} from './handler'
export type {
  CacheConfig,
  ErrorClass,
  ExceptionHandler,
  ExceptionHandlerEntry,
  LayerConfig,
  RateLimitPolicy,
} from './layers'
export { mergeLayers } from './layers'
export { type Middleware, type MiddlewareMeta, middleware, type Next } from './middleware'
export { allowedHosts } from './middleware/allowed-hosts'
export { type CorsOptions, cors } from './middleware/cors'
export { logUserId, type RequestLoggerOptions, type RequestLogLine, requestLogger } from './middleware/logging'
export { isSecretName, MASKED, maskHeaders, maskQuery } from './middleware/mask'
export { originMatcher } from './middleware/origin-matcher'
export { requestId, requestIdOf } from './middleware/request-id'
export {
  DEFAULT_SECURITY_HEADERS,
  SECURITY_HEADERS_OPT,
  type SecurityHeadersOptions,
  securityHeaders,
} from './middleware/security-headers'
export { serverTiming } from './middleware/server-timing'
export {
  type MultipartLimits,
  type MultipartPart,
  multipartCeiling,
  readMultipart,
} from './multipart/read-multipart'
export { ndjsonResponse } from './ndjson'
export { type DocsPage, documentRoutes, prefersHtml } from './openapi/document-routes'
export { type DocumentInfo, generateDocument } from './openapi/generate'
export { Problem, ValidationProblem } from './openapi/problem-schemas'
export { toYaml } from './openapi/to-yaml'
export { acceptsEncoding, precompressed, type StoredEncoding } from './precompressed'
export { PROBLEM_JSON, problemResponse } from './problem'
export { type ByteRange, parseRange } from './range'
export { clientIp } from './rate-limit/client-ip'
export { policyName, type RateLimitOptions, rateLimit } from './rate-limit/rate-limit'
export { type EnforcedPolicy, policyHeader, rateLimitHeader } from './rate-limit/rate-limit-headers'
export type { RateLimitDecision, RateLimiterObject } from './rate-limit/rate-limiter-object'
export { type ChannelSpec, type ChannelTarget, channel } from './realtime/channel'
export {
  type EventProducer,
  type EventStreamOptions,
  eventStream,
  lastEventId,
  type StreamControl,
} from './realtime/event-stream'
export { type FeedEvent, type FeedSource, feedEvents } from './realtime/feed-events'
export {
  ErrorFrame,
  JoinFrame,
  LeaveFrame,
  PRINCIPAL_HEADER,
  type RoomFrame,
  RoomPrincipal,
  roomOutbound,
  welcomeFrame,
} from './realtime/room-frames'
export { CLOSE, DEFAULT_ROOM_LIMITS, type RoomLimits } from './realtime/room-limits'
export type { RoomConnection } from './realtime/room-object'
export { frameComment, frameEvent, type ServerSentEvent } from './realtime/sse-frame'
export { rawPathParams } from './request-context'
export type { AppRoute, Extension, ResolvedRoute } from './route'
export { type Router, type RouterOptions, router } from './router'
export { STAGE_ORDER, type Stage, type StagePosition } from './stage'
export { KV_RULES, KvStore, kvStore } from './stores/kv-store'
export { MEMORY_RULES, MemoryStore, memoryStore } from './stores/memory-store'
export type { SetOptions, Store, StoreDefinition, StoreRules } from './stores/store'
export { defineStores, type OpenStores, type StoreRegistry, Stores } from './stores/store-registry'
export { unreadableBody } from './unreadable-body'
