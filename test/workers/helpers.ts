/** Reads a problem+json body, checking its media type. */
export async function problem(response: Response): Promise<Record<string, unknown>> {
  if (response.headers.get('content-type') !== 'application/problem+json') {
    throw new Error(`expected problem+json, got ${response.headers.get('content-type')}: ${await response.text()}`)
  }
  return response.json()
}
