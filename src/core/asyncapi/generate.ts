import type * as v from 'valibot'
import type { App } from '../kernel/app'
import type { SecurityRequirement } from '../kernel/guard'
import { operationIdFor } from '../kernel/operation-id'
import type { AppRoute } from '../kernel/route'
import { collectNamed, SchemaConverter } from '../openapi/schemas'
import { roomOutbound } from '../realtime/room-frames'
import { messageExamples } from './message-examples'
import { splitMessages } from './messages'
import { describedConsumers, queueChannels } from './queue-channels'
import { refusalsOf } from './refusals'
import { sseFraming, sseHeaders } from './sse-framing'

/** What the AsyncAPI document says about the API as a whole. */
export interface AsyncApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
  /** Who answers for the API: the document's `info.contact`. */
  readonly contact?: { readonly name?: string; readonly url?: string; readonly email?: string }
  /** The tags operations carry, described: the document's `info.tags`. */
  readonly tags?: readonly { readonly name: string; readonly description?: string }[]
  /** Host (and port) clients connect to, e.g. `api.example.com`; defaults to `localhost:8787`. */
  readonly host?: string
  /** Schemes operations may name in their `security` (AsyncAPI 3.0 security scheme objects). */
  readonly securitySchemes?: Readonly<Record<string, unknown>>
}

type Json = Record<string, unknown>
const toAddress = (path: string) => path.replace(/:(\w+)\+?/g, '{$1}')
const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_, __, c: string) => c.toUpperCase())

/**
 * The schemes an operation names: `opt.asyncapiSecurity` (a credential HTTP does not see, such as a ticket in
 * the query), else the nearest layer's `security`, else each guard's first alternative.
 */
function securityOf(route: AppRoute, schemes: Readonly<Record<string, unknown>>): Json[] {
  const explicit = route.info.opt.asyncapiSecurity
  const requirements: SecurityRequirement[] = Array.isArray(explicit)
    ? explicit.map((name: string) => ({ [name]: [] }))
    : route.config.security
      ? [...route.config.security]
      : (route.config.guards ?? []).flatMap((g) => g.meta?.security?.slice(0, 1) ?? [])
  const names = [...new Set(requirements.flatMap((r) => Object.keys(r)))].filter((n) => n in schemes)
  return names.map((n) => ({ $ref: `#/components/securitySchemes/${n}` }))
}

/**
 * Generates an AsyncAPI 3.0 document from an app's WebSocket channels (`channel()`), server-sent-event
 * routes (`events`) and typed queue consumers (`consumer()`): one channel per route or consumer, a message per event type or per option of a message union, and the
 * operations the app performs on them (`send` what clients receive, `receive` what they send).
 * @example const asyncapi = generateAsyncApi(createApp(api), { title: 'Edge API events', version: '1.0.0' })
 */
export function generateAsyncApi(app: App, info: AsyncApiInfo): Json {
  const routes = app.routes.filter((r) => (r.spec.channel || r.spec.events) && r.config.includeInSchema !== false)
  const named = new Map<string, v.GenericSchema>()
  const roots: v.GenericSchema[] = []
  const consumers = describedConsumers(app.triggers)
  for (const c of consumers) roots.push(c.message!)
  for (const { spec } of routes) {
    if (spec.channel) roots.push(spec.channel.inbound, roomOutbound(spec.channel.outbound))
    for (const s of Object.values(spec.events ?? {})) roots.push(s)
    if (spec.query) roots.push(spec.query)
  }
  collectNamed(roots, named)
  const conv = new SchemaConverter(named)
  const schemes = asyncApiSchemes(info.securitySchemes ?? {})
  const channels: Json = {}
  const operations: Json = {}
  const messages: Json = {}
  const addMessage = (name: string, schema: v.GenericSchema, extra: Json = {}, exampleHeaders?: Json) => {
    const examples = messageExamples(name, schema, exampleHeaders)
    messages[name] ??= {
      name,
      contentType: 'application/json',
      payload: conv.convert(schema, 'output'),
      ...extra,
      ...(examples.length ? { examples } : {}),
    }
    return { $ref: `#/components/messages/${name}` }
  }

  for (const route of routes) {
    const { spec } = route
    const id =
      operationIdFor('GET', route.path)
        .replace(/^get/, '')
        .replace(/^./, (c) => c.toLowerCase()) || 'root'
    const address = toAddress(route.path)
    const parameters: Json = {}
    const entries = (spec.params as unknown as { entries?: Record<string, v.GenericSchema> } | undefined)?.entries
    for (const m of route.path.matchAll(/:(\w+)/g)) {
      const description = (
        entries?.[m[1]!] as unknown as { pipe?: { type: string; description?: string }[] }
      )?.pipe?.find((a) => a.type === 'description')?.description
      parameters[m[1]!] = description ? { description } : {}
    }
    const channelMessages: Json = {}
    const sent: string[] = []
    const received: string[] = []
    if (spec.channel) {
      for (const m of splitMessages(roomOutbound(spec.channel.outbound), 'Outbound')) {
        channelMessages[m.name] = addMessage(m.name, m.schema)
        sent.push(m.name)
      }
      for (const m of splitMessages(spec.channel.inbound, 'Inbound')) {
        channelMessages[m.name] = addMessage(m.name, m.schema)
        received.push(m.name)
      }
    }
    for (const [event, schema] of Object.entries(spec.events ?? {})) {
      const name = `${pascal(id)}${pascal(event)}`
      channelMessages[name] = addMessage(
        name,
        schema,
        {
          title: event,
          summary: `The \`${event}\` event of ${address}`,
          contentType: 'text/event-stream',
          headers: sseHeaders(event),
        },
        { event, id: '1' },
      )
      sent.push(name)
    }
    const query = spec.query ? conv.convert(spec.query, 'input') : undefined
    const protocol = spec.channel ? 'websocket' : 'http'
    const described = [
      spec.description,
      spec.events ? sseFraming(spec.stream) : undefined,
      refusalsOf(route, spec.channel ? 'upgrade' : 'stream'),
    ].filter(Boolean)
    channels[id] = {
      address,
      ...(spec.summary ? { summary: spec.summary } : {}),
      ...(described.length ? { description: described.join('\n\n') } : {}),
      servers: [{ $ref: `#/servers/${protocol}` }],
      ...(Object.keys(parameters).length ? { parameters } : {}),
      messages: channelMessages,
      ...(spec.channel
        ? { bindings: { ws: { method: 'GET', ...(query ? { query } : {}), bindingVersion: '0.1.0' } } }
        : {}),
    }
    const security = securityOf(route, schemes)
    const op = (action: 'send' | 'receive', names: string[], summary: string) => ({
      action,
      channel: { $ref: `#/channels/${id}` },
      summary,
      ...(spec.description ? { description: spec.description } : {}),
      messages: names.map((n) => ({ $ref: `#/channels/${id}/messages/${n}` })),
      ...(security.length ? { security } : {}),
      ...(route.info.tags.length ? { tags: route.info.tags.map((name) => ({ name })) } : {}),
      ...(!spec.channel ? { bindings: { http: { method: 'GET', bindingVersion: '0.3.0' } } } : {}),
    })
    if (sent.length) operations[`${id}Send`] = op('send', sent, `What ${address} sends to its clients`)
    if (received.length) operations[`${id}Receive`] = op('receive', received, `What clients send to ${address}`)
  }

  const queues = queueChannels(consumers, addMessage)
  Object.assign(channels, queues.channels)
  Object.assign(operations, queues.operations)

  const host = info.host ?? 'localhost:8787'
  return asyncApiDiscriminators({
    asyncapi: '3.0.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description ? { description: info.description } : {}),
      ...(info.contact ? { contact: info.contact } : {}),
      ...(info.tags?.length ? { tags: info.tags } : {}),
    },
    defaultContentType: 'application/json',
    servers: {
      websocket: { host, protocol: 'wss', description: 'WebSocket channels (upgrade from HTTPS)' },
      http: { host, protocol: 'https', description: 'Server-sent event streams' },
      ...(consumers.length
        ? {
            queues: {
              host: 'queues.cloudflare.com',
              protocol: 'cloudflare-queues',
              description: 'Cloudflare Queues the Worker consumes',
            },
          }
        : {}),
    },
    channels,
    operations,
    components: {
      schemas: conv.components(),
      messages,
      ...(Object.keys(schemes).length ? { securitySchemes: schemes } : {}),
    },
  })
}

/**
 * Security schemes in AsyncAPI's words: an OpenAPI `apiKey` in a query, header or cookie (such as an auth scheme's
 * `securitySchemes`, passed on as they are) is AsyncAPI's `httpApiKey`; AsyncAPI's own `apiKey` means a user or password.
 */
const asyncApiSchemes = (schemes: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(schemes).map(([name, scheme]) => {
      const s = scheme as { type?: unknown; in?: unknown }
      const http = s.type === 'apiKey' && ['query', 'header', 'cookie'].includes(String(s.in))
      return [name, http ? { ...s, type: 'httpApiKey' } : scheme]
    }),
  )

/**
 * The AsyncAPI schema format spells `discriminator` as the property's name (a string), where OpenAPI's is an
 * object with `propertyName` and `mapping`: the shared converter writes OpenAPI's, rewritten here.
 */
function asyncApiDiscriminators<T>(node: T): T {
  if (Array.isArray(node)) return node.map(asyncApiDiscriminators) as T
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(
    Object.entries(node).map(([k, value]) => {
      const name = (value as { propertyName?: unknown } | null)?.propertyName
      return [k, k === 'discriminator' && typeof name === 'string' ? name : asyncApiDiscriminators(value)]
    }),
  ) as T
}
