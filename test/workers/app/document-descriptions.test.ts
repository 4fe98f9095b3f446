import { describe, expect, it } from 'vitest'
import asyncapi from '../../../schema/asyncapi.json'
import openapi from '../../../schema/openapi.json'
import openapi32 from '../../../schema/openapi-3.2.json'

type Operation = { summary?: string; description?: string }
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query']

/** Every operation of an OpenAPI document, by `METHOD path`. */
const openApiOperations = (doc: unknown) =>
  Object.entries((doc as { paths: Record<string, Record<string, Operation>> }).paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
  )
/** What a description must be: present, and more than its summary said again. */
const undescribed = (ops: { at: string; op: Operation }[]) =>
  ops.filter(({ op }) => !op.description?.trim() || op.description.trim() === op.summary?.trim()).map(({ at }) => at)

describe('every operation says what it does, beyond its summary', () => {
  it('has a description on every OpenAPI operation, in the 3.1 and the 3.2 document', () => {
    for (const doc of [openapi, openapi32]) {
      const ops = openApiOperations(doc)
      expect(ops.length).toBeGreaterThan(40)
      expect(undescribed(ops)).toEqual([])
    }
  })

  it('has a description on every AsyncAPI operation (streams, rooms and queues)', () => {
    const ops = Object.entries((asyncapi as { operations: Record<string, Operation> }).operations).map(([at, op]) => ({
      at,
      op,
    }))
    expect(ops.length).toBeGreaterThan(3)
    expect(undescribed(ops)).toEqual([])
  })
})
