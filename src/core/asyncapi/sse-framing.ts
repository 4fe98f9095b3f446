type Json = Record<string, unknown>

/**
 * What an SSE message carries beside its `data` (the payload): the event's other fields, as the message's
 * headers. `event` names the type; `id`, when the stream numbers its events, is what a client sends back as
 * `Last-Event-ID` to resume.
 */
export function sseHeaders(event: string): Json {
  return {
    type: 'object',
    description: 'The fields of the server-sent event beside its `data:` line (HTML standard, server-sent events)',
    properties: {
      event: { const: event, description: 'The `event:` field: the event type' },
      id: {
        type: 'string',
        maxLength: 1024,
        description: 'The `id:` field: send it back as the `Last-Event-ID` request header to resume after this event',
      },
    },
    required: event === 'message' ? [] : ['event'],
  }
}

/** How a stream is framed and resumed, for its channel's description. */
export function sseFraming(stream: { readonly heartbeat?: number; readonly retry?: number } | undefined): string {
  const heartbeat = stream?.heartbeat ?? 15_000
  return [
    'Framing: `text/event-stream` (HTML standard). Each message is one event: `event:` names its type, `data:` holds its JSON payload, and `id:` (when the stream numbers its events) identifies it.',
    ...(stream?.retry !== undefined
      ? [`The stream opens with \`retry: ${stream.retry}\`: milliseconds a client waits before reconnecting.`]
      : []),
    ...(heartbeat > 0 ? [`While idle it sends a \`: heartbeat\` comment every ${heartbeat / 1000} s.`] : []),
    'Resumption: a client that reconnects sends the last `id:` it received as the `Last-Event-ID` request header (up to 1,024 characters; a longer one is ignored), and a stream that numbers its events goes on after that one.',
  ].join(' ')
}
