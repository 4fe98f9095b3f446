// Type-checked only (never bundled): the package's exports map is its whole surface.

// @ts-expect-error and the kernel entry does not re-export them
import { compileRoute } from 'edge-api'
import { generateAsyncApi } from 'edge-api/asyncapi'
import { bearerJwt, cookieSession } from 'edge-api/auth'
import { listEndpoint } from 'edge-api/data'
// @ts-expect-error internals are no entry of the package
import { mergeLayers } from 'edge-api/layers'
import { generateDocument } from 'edge-api/openapi'
import { channel, eventStream } from 'edge-api/realtime'
import { testClient } from 'edge-api/testing'
import { FeedObject, RateLimiterObject, RoomObject } from 'edge-api/workers'
import app from './index'

export const used = [
  generateDocument,
  generateAsyncApi,
  bearerJwt,
  cookieSession,
  listEndpoint,
  channel,
  eventStream,
  testClient,
  RateLimiterObject,
  RoomObject,
  FeedObject,
  mergeLayers,
  compileRoute,
]
// @ts-expect-error the app's fetch takes its own Env, so a missing binding is a type error
app.fetch(new Request('https://x/greet'), {}, {} as ExecutionContext)
