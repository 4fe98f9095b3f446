// Type-checked only (never bundled): the package's exports map is its whole surface.

// @ts-expect-error and the kernel entry does not re-export them
import { compileRoute } from 'edgestar'
import { generateAsyncApi } from 'edgestar/asyncapi'
import { bearerJwt, cookieSession } from 'edgestar/auth'
import { listEndpoint } from 'edgestar/data'
// @ts-expect-error internals are no entry of the package
import { mergeLayers } from 'edgestar/layers'
import { generateDocument } from 'edgestar/openapi'
import { channel, eventStream } from 'edgestar/realtime'
import { testClient } from 'edgestar/testing'
import { FeedObject, RateLimiterObject, RoomObject } from 'edgestar/workers'
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
