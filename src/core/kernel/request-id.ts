import type { RequestContext } from './context'

/** Where `requestId()` (`edgestar/middleware`) keeps the id in the request's state. */
export const REQUEST_ID = 'requestId'

/** The id of the request being served, once `requestId()` has run. @example logger.info({ requestId: requestIdOf(ctx) }) */
export const requestIdOf = (ctx: RequestContext): string | undefined => ctx.state.get(REQUEST_ID) as string | undefined
