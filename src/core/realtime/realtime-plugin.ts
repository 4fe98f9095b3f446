import type * as v from 'valibot'
import { HttpError } from '../kernel/errors'
import { middleware } from '../kernel/middleware'
import type { Plugin } from '../kernel/plugin'
import { checkPrivateViews } from '../kernel/private-views'
import type { Stage } from '../kernel/stage'

/** Options of an event stream: heartbeat interval and the client's reconnection delay, in milliseconds. */
export interface StreamOptions {
  readonly heartbeat?: number
  readonly retry?: number
}

declare module '../index' {
  interface PluginOptions {
    /**
     * Server-sent events: one schema per event type, declared with `sse()`, which also sets the responder. The
     * handler returns an async iterable of `{ event, data, id? }` (or a function of `{ lastEventId, signal }`).
     */
    readonly events?: Readonly<Record<string, v.GenericSchema>>
    /** Options of the event stream: heartbeat interval and the client's reconnection delay, in milliseconds. */
    readonly stream?: StreamOptions
    /** A WebSocket channel's message schemas (set by `channel()`): what clients send and what they receive. */
    readonly channel?: { readonly inbound: v.GenericSchema; readonly outbound: v.GenericSchema }
  }
}

// A stream or an upgrade has no length to report: running one only to drop its body would hold it open.
const noHead = middleware({ name: 'noHead' }, (ctx, next) => {
  if (ctx.request.method === 'HEAD')
    throw new HttpError(405, { detail: `HEAD is not allowed on ${ctx.path}`, headers: { allow: 'GET' } })
  return next()
})
const NO_HEAD: readonly Stage[] = [{ name: 'noHead', at: 'client', run: noHead }]

/**
 * Server-sent event streams (`sse()`) and WebSocket channels (`channel()`): the plugin owning their spec
 * options. It refuses events declared without `sse()`'s responder, and answers HEAD on a stream or channel with
 * 405 before anything runs.
 * @example createApp({ plugins: [realtime()], handlers: [get('/live', { ...sse({ tick: v.number() }) }, fn)] })
 */
export function realtime(): Plugin {
  return {
    name: 'realtime',
    options: { events: 'nearest', stream: 'nearest', channel: 'nearest' },
    stages(route) {
      const { events, channel } = route.spec
      if (events && !route.spec.respond)
        throw new Error(
          `Route ${route.method} ${route.path} declares events without a stream: declare them with sse() from edgestar/realtime`,
        )
      // What a stream or a channel sends is a response too: personal fields need a restricting guard here as well.
      const sent = [...Object.values(events ?? {}), ...(channel ? [channel.outbound] : [])]
      if (sent.length) checkPrivateViews(`${route.method} ${route.path}`, route.spec, route.config.guards ?? [], sent)
      return events || channel ? NO_HEAD : []
    },
  }
}
