const encoder = new TextEncoder()

/**
 * Streams chunks of values as NDJSON (one JSON document a line), pulling the next chunk only when the client has
 * read the last: the body never exists whole, so a large export costs one chunk of memory.
 * @example return ndjsonResponse(mapChunks(walk(users), (u) => UserRead.parse(u)))
 */
export function ndjsonResponse(chunks: AsyncIterable<readonly unknown[]>, init: ResponseInit = {}): Response {
  const it = chunks[Symbol.asyncIterator]()
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await it.next()
        if (done) controller.close()
        else controller.enqueue(encoder.encode(value.map((x) => `${JSON.stringify(x)}\n`).join('')))
      },
      async cancel() {
        await it.return?.()
      },
    },
    { highWaterMark: 1 },
  )
  const headers = new Headers(init.headers)
  headers.set('content-type', 'application/x-ndjson')
  return new Response(body, { ...init, headers })
}
