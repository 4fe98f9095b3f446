import * as v from 'valibot'
import { get, post } from '../../core'
import { inputDto } from '../../core/data'
import { appConfig } from '../config'
import { readMaintenance, writeMaintenance } from './maintenance-state'

const Maintenance = v.pipe(
  v.object({
    enabled: v.boolean(),
    /** Seconds sent as Retry-After while enabled */
    retryAfter: v.pipe(v.number(), v.integer()),
  }),
  v.title('Maintenance'),
  v.metadata({ examples: [{ enabled: true, retryAfter: 300 }] }),
)
const MaintenanceUpdate = inputDto(
  'MaintenanceUpdate',
  {
    enabled: v.boolean(),
    /** Seconds sent as Retry-After; the MAINTENANCE_RETRY_AFTER var (300 unless set) when omitted */
    retryAfter: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(86_400))),
  },
  { examples: [{ enabled: true, retryAfter: 300 }] },
)

/**
 * Whether maintenance mode is on, and the Retry-After seconds the refused requests get. Admins only; reads the shared
 * flag in KV.
 * @summary Whether maintenance mode is on
 */
export const getMaintenance = get(
  '/maintenance',
  {
    response: Maintenance,
  },
  ({ env }) => readMaintenance(env),
)

/**
 * While on, every route but /health, /auth/login and /admin answers 503 with Retry-After; switching it off resumes
 * them. KV carries the flag, so other locations may see the change up to a minute later. Admins only; answers the new
 * state.
 * @summary Switch maintenance mode on or off
 */
export const setMaintenance = post(
  '/maintenance',
  {
    body: MaintenanceUpdate,
    response: Maintenance,
    status: 200,
  },
  async ({ env, body }) => {
    const retryAfter = body.retryAfter ?? appConfig(env).maintenanceRetryAfter
    const state = { enabled: body.enabled, retryAfter: body.enabled ? retryAfter : 0 }
    await writeMaintenance(env, state)
    return state
  },
)
