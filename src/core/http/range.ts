/** A byte range of a representation, resolved against its size. */
export interface ByteRange {
  readonly offset: number
  readonly length: number
}

/**
 * Resolves a `Range` header against a representation's size (RFC 9110 §14): undefined when there is no
 * usable single byte range (serve the whole representation), `'unsatisfiable'` when it lies past the end
 * (answer 416; for an empty representation every range is). Multiple ranges are served whole, which the RFC allows.
 * @example parseRange('bytes=0-99', 1000) // { offset: 0, length: 100 }
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | undefined {
  const m = header?.trim().match(/^bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i)
  if (!m || (m[1] === '' && m[2] === '')) return undefined
  if (m[1] === '') {
    // Suffix range: the last N bytes. An empty representation has none to give (RFC 9110 §14.1.2).
    const n = Number(m[2])
    if (n === 0 || size === 0) return 'unsatisfiable'
    return { offset: Math.max(0, size - n), length: Math.min(n, size) }
  }
  const first = Number(m[1])
  const last = m[2] === '' ? size - 1 : Number(m[2])
  if (first >= size) return 'unsatisfiable'
  if (last < first) return undefined
  return { offset: first, length: Math.min(last, size - 1) - first + 1 }
}
