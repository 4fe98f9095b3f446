const MAX_NAME = 120

/**
 * A client's file name made safe to keep and to send back: no directories, no control or bidi characters,
 * NFC, at most 120 characters with the extension kept; `file` when nothing is left.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? ''
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  if (!cleaned) return 'file'
  const chars = [...cleaned]
  if (chars.length <= MAX_NAME) return cleaned
  const dot = cleaned.lastIndexOf('.')
  const ext = dot > 0 ? [...cleaned.slice(dot)].slice(0, 10).join('') : ''
  return chars.slice(0, MAX_NAME - ext.length).join('') + ext
}
