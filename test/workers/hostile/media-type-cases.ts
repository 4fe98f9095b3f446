import type { Case } from './case'
import { badValues } from './mutations'
import { deref, type Operation } from './operations'

const JSON_SPELLINGS = ['Application/JSON', 'application/json; charset=UTF-8', 'APPLICATION/JSON;charset="utf-8"']
const NOT_JSON = ['application/jsonx', 'text/json', 'application/x-json', 'json']
const boundary = 'hostile-media-boundary'
const MULTIPART_SPELLINGS = [
  `Multipart/Form-Data; boundary=${boundary}`,
  `MULTIPART/FORM-DATA; BOUNDARY="${boundary}"`,
  `multipart/form-data; charset=UTF-8; boundary=${boundary}`,
]
const NOT_MULTIPART = [`multipart/form-datax; boundary=${boundary}`, `text/form-data; boundary=${boundary}`]

/** A JSON body of the operation that is refused for one field, so no case changes anything. */
function invalidJson(op: Operation, valid: unknown): string {
  const props = Object.entries(deref(op.body!.schema).properties ?? {})
  for (const [name, prop] of props) {
    const [bad] = badValues(prop)
    if (bad) return JSON.stringify({ ...(valid as Record<string, unknown>), [name]: bad.value })
  }
  return '[]'
}

/** A multipart body with one part no operation accepts. */
const strayPart = `--${boundary}\r\nContent-Disposition: form-data; name="stray-field"\r\n\r\nx\r\n--${boundary}--\r\n`

/**
 * The media type of every body operation, spelled as RFC 9110 allows (any case, parameters, quoted values):
 * answered exactly like the plain spelling. Look-alike types are refused with 415.
 */
export function mediaTypeCases(
  op: Operation,
  url: string,
  valid: unknown,
  withBody: (body: string, type: string) => RequestInit,
): Case[] {
  if (!op.body) return []
  const cases: Case[] = []
  const json = op.body.contentType === 'application/json'
  const multipart = op.body.contentType === 'multipart/form-data'
  if (!json && !multipart) return []
  const body = json ? invalidJson(op, valid) : strayPart
  const plain = json ? 'application/json' : `multipart/form-data; boundary=${boundary}`
  for (const type of json ? JSON_SPELLINGS : MULTIPART_SPELLINGS)
    cases.push({
      label: `media type: ${type}`,
      url,
      init: withBody(body, type),
      like: { url, init: withBody(body, plain) },
    })
  for (const type of json ? NOT_JSON : NOT_MULTIPART)
    cases.push({
      label: `media type: ${type} is not ${plain.split(';')[0]}`,
      url,
      init: withBody(body, type),
      status: 415,
    })
  return cases
}
