/** One server-sent event as the core frames it: `data` is text as is, anything else as JSON. */
export interface ServerSentEvent {
  /** The event type; omitted (or 'message') gives the browser's default `message` event. */
  readonly event?: string
  readonly data: unknown
  /** Becomes the client's `Last-Event-ID` when it reconnects. */
  readonly id?: string
  /** Milliseconds the client waits before reconnecting. */
  readonly retry?: number
}

const LINE_BREAK = /\r\n|\r|\n/
// A field value must not break the frame: an id with a line break or NUL could forge the next event's fields.
const UNSAFE = /[\r\n\0]/

/** One `name: value` line of a frame; a value that would break the frame is refused. */
function field(name: string, value: string, what: string): string {
  if (UNSAFE.test(value)) throw new Error(`An event ${what} must not contain a line break or NUL`)
  return `${name}: ${value}\n`
}

/**
 * Frames one event per the HTML living standard: `id:`, `event:`, `retry:`, and one `data:` line per line of
 * the payload, so multi-line data survives; ends with the blank line that dispatches it.
 * @example frameEvent({ event: 'post', id: '7', data: { id: 7 } }) // 'id: 7\nevent: post\ndata: {"id":7}\n\n'
 */
export function frameEvent(e: ServerSentEvent): string {
  let out = ''
  if (e.id !== undefined) out += field('id', e.id, 'id')
  if (e.event !== undefined && e.event !== 'message') out += field('event', e.event, 'name')
  if (e.retry !== undefined) {
    if (!Number.isInteger(e.retry) || e.retry < 0) throw new Error('retry must be a whole number of milliseconds')
    out += `retry: ${e.retry}\n`
  }
  const text = typeof e.data === 'string' ? e.data : JSON.stringify(e.data ?? null)
  for (const line of text.split(LINE_BREAK)) out += `data: ${line}\n`
  return `${out}\n`
}

/**
 * A comment line: clients ignore it, proxies see traffic, so idle streams are not cut; used for heartbeats.
 * @example frameComment('heartbeat') // ': heartbeat\n\n'
 */
export const frameComment = (text: string): string => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`
