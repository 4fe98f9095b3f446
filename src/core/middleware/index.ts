// `edgestar/middleware`: the operational middleware factories, each usable on any layer.
export { allowedHosts } from './allowed-hosts'
export { type CorsOptions, cors } from './cors'
export { logUserId, type RequestLoggerOptions, type RequestLogLine, requestLogger } from './logging'
export { originMatcher } from './origin-matcher'
export { requestId, requestIdOf } from './request-id'
export { DEFAULT_SECURITY_HEADERS, type SecurityHeadersOptions, securityHeaders } from './security-headers'
export { serverTiming } from './server-timing'
