// Words whose registered spelling is not simply capitalised (RFC 9110 `ETag`, `WWW-Authenticate`, the IETF
// draft's `RateLimit`, and the acronyms of common extension headers).
const WORDS: Readonly<Record<string, string>> = {
  etag: 'ETag',
  ratelimit: 'RateLimit',
  www: 'WWW',
  api: 'API',
  csrf: 'CSRF',
  md5: 'MD5',
  xss: 'XSS',
  cdn: 'CDN',
  ua: 'UA',
  dnt: 'DNT',
  te: 'TE',
}

/**
 * A header name in its HTTP canonical spelling, whatever case it was written in: each hyphenated word
 * capitalised, except the registered spellings above. Header names are case-insensitive on the wire; the
 * document shows every one in this single form.
 * @example canonicalHeaderName('if-none-match') // 'If-None-Match'; 'etag' -> 'ETag', 'x-api-key' -> 'X-API-Key'
 */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((word) => {
      const lower = word.toLowerCase()
      return WORDS[lower] ?? lower.charAt(0).toUpperCase() + lower.slice(1)
    })
    .join('-')
}
