import { HttpError, middleware, problemResponse } from '../../core'
import { readMaintenance } from './maintenance-state'

// Operators must still reach health checks, log in, and switch maintenance off again.
const OPEN = /^\/(health|auth\/login|admin(\/.*)?)$/

/**
 * App-level middleware: while maintenance mode is on, every route except `/health`, `/auth/login` and
 * `/admin/*` answers 503 problem+json with `Retry-After`. One KV read per request while it applies.
 */
export const maintenanceMode = middleware(
  { name: 'maintenanceMode', exclude: [OPEN], errors: [503] },
  async (ctx, next) => {
    // Requests no route serves reach app middleware without the exclude list being applied.
    if (OPEN.test(ctx.route?.path ?? ctx.path)) return next()
    const state = await readMaintenance(ctx.env)
    if (!state.enabled) return next()
    // Answered here rather than thrown: the app logs thrown 5xx as errors, and this one is on purpose.
    const error = new HttpError(503, {
      detail: 'The API is down for maintenance',
      headers: { 'retry-after': String(state.retryAfter) },
    })
    return problemResponse(error, ctx.path)
  },
)
