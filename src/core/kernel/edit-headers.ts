/**
 * Changes a response's headers in place, or on a copy when they are immutable (responses from fetch() or a
 * cache throw on the first set), and returns whichever response carries the change.
 */
export function editHeaders(response: Response, edit: (headers: Headers) => void): Response {
  try {
    edit(response.headers)
    return response
  } catch {
    const copy = copyResponse(response)
    edit(copy.headers)
    return copy
  }
}

/** A copy with mutable headers; a 101 upgrade keeps its WebSocket (the copy is what completes the handshake). */
export function copyResponse(response: Response): Response {
  const { webSocket } = response as Response & { webSocket?: WebSocket | null }
  if (!webSocket) return new Response(response.body, response)
  return new Response(null, { status: 101, statusText: response.statusText, headers: response.headers, webSocket })
}

/** Adds a token to a comma-separated header such as `Vary`, once. */
export function appendToken(headers: Headers, name: string, token: string): void {
  const current = headers.get(name)
  if (!current) {
    headers.set(name, token)
    return
  }
  const tokens = current.split(',').map((t) => t.trim().toLowerCase())
  if (!tokens.includes(token.toLowerCase()) && !tokens.includes('*')) headers.set(name, `${current}, ${token}`)
}
