import { JwtInvalid } from './jwt-errors'

// `ignoreBOM` keeps a byte order mark in the text, where JSON.parse refuses it: one spelling per token.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const NAME_END = /\s*:/y

/**
 * A JWT header or claims set: UTF-8 JSON whose top level is an object, with no member name twice at any depth.
 * JSON.parse keeps the last of two equal names while other parsers keep the first or refuse, so a token with
 * both `"sub":"1"` and `"sub":"2"` would mean one thing here and another to a log reader or a second verifier.
 */
export function jwtObject(bytes: Uint8Array, what: 'header' | 'payload'): Record<string, unknown> {
  let text: string
  let value: unknown
  try {
    text = decoder.decode(bytes)
    value = JSON.parse(text)
  } catch {
    throw new JwtInvalid(`The ${what} is not UTF-8 JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new JwtInvalid(`The ${what} is not a JSON object`)
  const repeated = repeatedName(text)
  if (repeated !== undefined) throw new JwtInvalid(`The ${what} has the member "${repeated}" twice`)
  return value as Record<string, unknown>
}

// One pass over text JSON.parse already accepted, so only strings need care. Names are compared decoded, so
// "sub" and "\u0073ub" are the same name.
function repeatedName(text: string): string | undefined {
  const open: (Set<string> | null)[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '{') open.push(new Set())
    else if (c === '[') open.push(null)
    else if (c === '}' || c === ']') open.pop()
    else if (c === '"') {
      let end = i + 1
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      const names = open.at(-1)
      NAME_END.lastIndex = end + 1
      if (names && NAME_END.test(text)) {
        const name = JSON.parse(text.slice(i, end + 1)) as string
        if (names.has(name)) return name
        names.add(name)
      }
      i = end
    }
  }
  return undefined
}
