// Blocks quoting the reference API's wiring: its configuration, maintenance mode and listeners.
import { get, type Plugin, patch } from 'edgestar'
import { events } from 'edgestar/events'
import { allowedHosts, cors, requestId, requestLogger, securityHeaders, serverTiming } from 'edgestar/middleware'
import type { RateLimitPolicy } from 'edgestar/rate-limit'
import { defineStores, kvStore, Stores } from 'edgestar/stores'
import * as v from 'valibot'
import { maintenanceMode } from '../src/app/admin/maintenance-mode'
import { appConfig } from '../src/app/config'
import { listeners } from '../src/app/events/listeners'

const params = v.object({ id: v.pipe(v.number(), v.integer()) })
