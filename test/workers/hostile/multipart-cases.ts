import type { Case } from './case'
import type { Operation } from './operations'

const B = 'hostile-multipart-boundary'
const TYPE = `multipart/form-data; boundary=${B}`
const part = (headers: string, data: string) => `--${B}\r\n${headers}\r\n\r\n${data}\r\n`
const file = (name: string, data: string, field = 'file') =>
  part(`Content-Disposition: form-data; name="${field}"; filename="${name}"`, data)
const end = `--${B}--\r\n`

/** The file field of a multipart operation: the one array of binary parts its body schema declares. */
const fileField = (op: Operation) =>
  Object.entries(op.body?.schema.properties ?? {}).find(([, s]) => s.items?.format === 'binary')?.[0] ?? 'file'

/**
 * Malformed and refused multipart bodies for an upload operation; each must store nothing. Parts are
 * small, so limits are reached by count, not by size.
 */
export function multipartCases(
  op: Operation,
  url: string,
  init: (body: BodyInit | null, type?: string) => RequestInit,
) {
  if (op.body?.contentType !== 'multipart/form-data') return []
  const field = fileField(op)
  const cases: Case[] = []
  const add = (label: string, body: BodyInit | null, type: string | undefined = TYPE, extra: Partial<Case> = {}) =>
    cases.push({ label: `multipart: ${label}`, url, init: init(body, type), ...extra })
  add('no body', null)
  add('an empty body', '')
  add('no parts', end, TYPE, { field })
  add('no closing boundary', file('a.txt', 'hello'))
  add('no boundary parameter', file('a.txt', 'hello') + end, 'multipart/form-data', { status: 415 })
  add('an empty boundary', file('a.txt', 'hello') + end, 'multipart/form-data; boundary=', { status: 415 })
  add('a JSON body', '{"file":"hello"}', 'application/json', { status: 415 })
  add('a urlencoded body', 'file=hello', 'application/x-www-form-urlencoded', { status: 415 })
  add('no Content-Type', file('a.txt', 'hello') + end, '', { status: 415 })
  add('a boundary that never appears', `--other\r\n\r\nhello\r\n--other--\r\n`)
  add(
    'a part without a line break after the boundary',
    `--${B}Content-Disposition: form-data; name="${field}"\r\n\r\nx\r\n${end}`,
  )
  add(
    'part headers of 9 KB',
    part(`Content-Disposition: form-data; name="${field}"; x="${'x'.repeat(9216)}"`, 'x') + end,
  )
  add('a part without Content-Disposition', part('Content-Type: text/plain', 'hello') + end)
  add('an unknown field', file('a.txt', 'hello', 'stray-field') + end, TYPE, { field: 'stray-field' })
  add(
    'a text field where a file belongs',
    part(`Content-Disposition: form-data; name="${field}"`, 'hello') + end,
    TYPE,
    {
      field,
    },
  )
  add('a valid file, then an unknown field', file('a.txt', 'hello') + file('b.txt', 'x', 'stray-field') + end, TYPE, {
    field: 'stray-field',
  })
  add('a .png that is text', file('a.png', 'not a png') + end, TYPE, { status: 415 })
  add('a type that is not allowed', file('a.exe', 'MZ') + end, TYPE, { status: 415 })
  add('a valid file, then one of the wrong type', file('a.txt', 'hello') + file('b.gif', 'GIF') + end, TYPE, {
    status: 415,
  })
  add('one file more than allowed', Array.from({ length: 6 }, (_, i) => file(`${i}.txt`, 'x')).join('') + end, TYPE, {
    status: 413,
  })
  return cases
}
