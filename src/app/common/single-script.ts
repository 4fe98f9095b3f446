// Scripts a name's letters are sorted into; a letter of none of them counts as `Other`. Common characters
// (digits, punctuation, spaces, emoji) and Inherited ones (combining marks) belong to every script.
const SCRIPTS: readonly [string, RegExp][] = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Khmer',
  'Mongolian',
  'Ethiopic',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Hangul',
].map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')])
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u
// The mixes UTS #39 calls "highly restrictive": the way Japanese, Chinese and Korean are written with Latin.
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
]

const scriptOf = (char: string): string | undefined => {
  if (NEUTRAL.test(char)) return undefined
  for (const [name, re] of SCRIPTS) if (re.test(char)) return name
  return 'Other'
}

/**
 * Whether a text's letters are of one script, or of one of the mixes Unicode TR #39 allows at its "highly
 * restrictive" level. Refuses a look-alike such as "Аdmin" (Cyrillic А, then Latin), the commonest spoofing trick;
 * a name wholly in another script that reads as Latin ("асе", all Cyrillic) is not caught.
 * @example singleScript('Ada') // true; singleScript('\u0410dmin') // false
 */
export function singleScript(text: string): boolean {
  const seen = new Set<string>()
  for (const char of text) {
    const script = scriptOf(char)
    if (script) seen.add(script)
  }
  if (seen.size <= 1) return true
  return ALLOWED_MIXES.some((mix) => [...seen].every((s) => mix.has(s)))
}
