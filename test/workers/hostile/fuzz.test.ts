import { env } from 'cloudflare:workers'
import { Validator } from '@cfworker/json-schema'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { writeMaintenance } from '../../../src/app/admin/maintenance-state'
import { valid } from './arbitrary'
import { bodyText, encode } from './baseline'
import { hostile } from './client'
import { credentialsFor } from './credentials'
import { components, fillPath, type JsonSchema, type Operation, operations } from './operations'

const validators = new Map<JsonSchema, Validator>()
const validatorFor = (schema: JsonSchema) => {
  let v = validators.get(schema)
  if (!v) {
    // Component references are document-relative; carry the components along so `#/components/...` resolves.
    v = new Validator({ ...schema, components: { schemas: components } } as never, '2020-12', false)
    validators.set(schema, v)
  }
  return v
}

/** A valid request for an operation, from its documented schemas. */
function requests(op: Operation) {
  const params: Record<string, fc.Arbitrary<unknown>> = {}
  for (const p of op.parameters)
    params[`${p.in}:${p.name}`] = p.required ? valid(p.schema) : fc.option(valid(p.schema), { nil: undefined })
  return fc.record({ params: fc.record(params), body: op.body ? valid(op.body.schema) : fc.constant(undefined) })
}

describe('fuzzing from the document: valid requests get a documented status and a body that matches its schema', () => {
  // A valid POST /admin/maintenance may switch maintenance on, which would turn every later operation into a 503.
  afterEach(() => writeMaintenance(env, { enabled: false, retryAfter: 0 }))
  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(requests(op), async ({ params, body }) => {
          // Fresh credentials per run: a run may log its admin out or delete it (its id is small enough to sample).
          const auth = await credentialsFor(op)
          const path: Record<string, string> = {}
          const query = new URLSearchParams()
          const headers: Record<string, string> = { ...auth }
          for (const [key, value] of Object.entries(params)) {
            if (value === undefined) continue
            const [where, name] = key.split(':') as [string, string]
            for (const item of Array.isArray(value) ? value : [value]) {
              if (where === 'path') path[name] = encodeURIComponent(String(item))
              else if (where === 'query') query.append(name, String(item))
              // Header values are bytes on the wire: keep generated ones to visible ASCII.
              else if (where === 'header') headers[name] = String(item).replace(/[^\x21-\x7e]/g, 'x')
            }
          }
          const encoded = op.body ? encode(op.body.contentType, body) : undefined
          const url = `${fillPath(op.path, path)}${query.size ? `?${query}` : ''}`
          const res = await hostile.fetch(url, {
            method: op.method,
            headers: { ...headers, ...encoded?.headers },
            body: encoded?.body ?? null,
          })
          const documented = op.responses[String(res.status)]
          const text = await bodyText(res)
          expect(
            documented,
            `${op.method} ${url} answered an undocumented ${res.status}: ${text.slice(0, 300)}`,
          ).toBeDefined()
          expect(res.status, `${op.method} ${url}: ${text.slice(0, 300)}`).toBeLessThan(500)
          if (documented?.schema && text) {
            expect(res.headers.get('content-type')?.split(';')[0]).toBe(documented.contentType)
            // An NDJSON stream documents the schema of each line.
            const documents = documented.contentType === 'application/x-ndjson' ? text.trim().split('\n') : [text]
            for (const doc of documents) {
              const result = validatorFor(documented.schema).validate(JSON.parse(doc))
              expect(result.errors, `${op.method} ${url} ${res.status}: ${doc.slice(0, 300)}`).toEqual([])
            }
          }
        }),
        { numRuns: 15, seed: 20261124 },
      )
    }, 120_000)
  }
})
