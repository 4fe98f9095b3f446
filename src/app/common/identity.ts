import * as v from 'valibot'
import { singleScript } from './single-script'

// Characters that make a name display as something else: controls (C0, C1, DEL), line and paragraph
// separators, bidirectional embeddings/overrides/isolates and marks, and zero-width characters.
const INVISIBLE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/u

/**
 * Refuses control, bidirectional and zero-width characters: what names and chat text share. Put it before any
 * trim, which would silently drop a leading BOM or line separator instead of refusing it.
 */
export const visibleOnly = v.check<string, string>(
  (text) => !INVISIBLE.test(text),
  'must not contain control, bidirectional or zero-width characters',
)

/**
 * A display name: NFC-normalised, trimmed, 2 to 50 characters, nothing invisible or direction-changing.
 * @description 2 to 50 characters; no control, bidirectional-override or zero-width characters, letters of one
 *   script (Latin may join Han with Kana, Bopomofo or Hangul) (NFC-normalised)
 */
export const DisplayName = v.pipe(
  v.string(),
  v.normalize('NFC'),
  visibleOnly,
  v.trim(),
  v.minLength(2),
  v.maxLength(50),
  v.check(singleScript, 'must not mix letters of different scripts (such as Latin and Cyrillic)'),
)

// A dot-atom local part at a domain of LDH labels whose last is alphabetic or an IDNA A-label (`xn--…`).
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/

/** An internationalised domain (`bücher.de`) as its A-labels (`xn--bcher-kva.de`); others unchanged. */
function asciiDomain(address: string): string {
  const at = address.lastIndexOf('@')
  const domain = address.slice(at + 1)
  if (at < 0 || /^[\x21-\x7e]*$/.test(domain) || /[\s/?#@:[\]\\%]/u.test(domain)) return address
  try {
    return `${address.slice(0, at)}@${new URL(`http://${domain}`).hostname}`
  } catch {
    return address
  }
}

const RfcEmail = v.pipe(v.string(), v.rfcEmail())

/**
 * An email address: IDN domains accepted and stored as punycode (`xn--` labels), at most 254 characters.
 * @description Unique, compared case-insensitively; an internationalised domain is stored as punycode
 */
export const EmailAddress = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254),
  v.transform(asciiDomain),
  v.rfcEmail(),
  // Only judged once rfcEmail passed, so a bad address gets one message.
  v.check((address) => !v.is(RfcEmail, address) || ADDRESS.test(address), 'must be an email address'),
  v.maxLength(254),
)
