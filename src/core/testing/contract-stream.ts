/** How a sequential media type cuts its body into items. */
export type StreamKind = 'sse' | 'lines'

/** The sequential media types the contract check reads item by item, and how each is framed. */
export const STREAM_KINDS: Readonly<Record<string, StreamKind>> = {
  'text/event-stream': 'sse',
  'application/x-ndjson': 'lines',
  'application/jsonl': 'lines',
  'application/json-seq': 'lines',
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * One server-sent event as the HTML standard's parser reads it (`data` lines joined by a line break), with its
 * `data` parsed when it is JSON: the item schema's `data` carries the JSON's schema as `contentSchema`. A frame
 * of comments only (a heartbeat) is no event.
 */
function sseItem(frame: string): Record<string, unknown> | undefined {
  const item: Record<string, unknown> = {}
  const data: string[] = []
  for (const line of frame.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'data') data.push(value)
    else if (field === 'retry') item.retry = Number(value)
    else item[field] = value
  }
  if (!data.length && !('event' in item) && !('id' in item)) return undefined
  return { ...item, data: parseJson(data.join('\n')) }
}

/**
 * The response with a body that checks each item against `check` as the test reads it: an item that does not
 * match errors the stream with `label`'s message, so the test reading it fails. An endless stream is checked as
 * far as the test reads.
 */
export function checkItems(
  response: Response,
  kind: StreamKind,
  check: (item: unknown) => string[],
  label: string,
): Response {
  if (!response.body) return response
  const decoder = new TextDecoder()
  const separator = kind === 'sse' ? /\r\n\r\n|\n\n|\r\r/ : /\r?\n/
  let buffered = ''
  let index = 0
  // The message of the first item that does not match, if any.
  const take = (text: string): string | undefined => {
    const item = kind === 'sse' ? sseItem(text) : text.trim() === '' ? undefined : parseJson(text)
    if (item === undefined) return undefined
    const problems = check(item)
    index++
    return problems.length
      ? `contract: ${label} item ${index - 1} does not match its item schema: ${problems.join('; ')}`
      : undefined
  }
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      // An item is checked before its bytes reach the test, so a bad one is never read as if it were good.
      transform(chunk, controller) {
        buffered += decoder.decode(chunk, { stream: true })
        const parts = buffered.split(separator)
        buffered = parts.pop() ?? ''
        for (const part of parts) {
          const failure = take(part)
          if (failure) return controller.error(new Error(failure))
        }
        controller.enqueue(chunk)
      },
      flush(controller) {
        buffered += decoder.decode()
        const failure = buffered.trim() === '' ? undefined : take(buffered)
        if (failure) controller.error(new Error(failure))
      },
    }),
  )
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}
