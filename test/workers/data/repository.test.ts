import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { HttpError } from '../../../src/core'
import { defineModel, Repository } from '../../../src/core/data'

// A model of its own, so the repository is tested apart from the app's resources.
const Gadget = defineModel({
  table: 'gadgets',
  fields: {
    id: v.number(),
    serialNo: v.string(),
    displayName: v.string(),
    secretCode: v.string(),
    ownerId: v.nullable(v.number()),
    version: v.number(),
    updatedAt: v.string(),
  },
  private: ['secretCode'],
  generated: ['id', 'version', 'updatedAt'],
  version: 'version',
  updatedAt: 'updatedAt',
})

beforeAll(async () => {
  await env.DB.exec(
    "CREATE TABLE gadgets (id INTEGER PRIMARY KEY AUTOINCREMENT, serial_no TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, secret_code TEXT NOT NULL, owner_id INTEGER, version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL DEFAULT '')",
  )
})

const repo = () => new Repository(env.DB, Gadget)
const add = (serialNo: string, displayName = serialNo, ownerId: number | null = null) =>
  repo().add({ serialNo, displayName, secretCode: 's3cret', ownerId })

describe('Repository over a D1 table', () => {
  it('maps camelCase fields to snake_case columns both ways', async () => {
    const g = await add('SN-1', 'First')
    expect(g).toMatchObject({ serialNo: 'SN-1', displayName: 'First', secretCode: 's3cret', ownerId: null, version: 1 })
    const raw = await env.DB.prepare('SELECT serial_no, display_name FROM gadgets WHERE id = ?').bind(g.id).first()
    expect(raw).toEqual({ serial_no: 'SN-1', display_name: 'First' })
    expect(await repo().get(g.id)).toEqual(g)
  })

  it('gets one by filter, counts, and tells whether rows exist', async () => {
    await add('F-1', 'Filtered', 7)
    await add('F-2', 'Filtered', 7)
    expect((await repo().getOneBy({ ownerId: 7 }))?.serialNo).toBe('F-1')
    expect(await repo().count({ ownerId: 7 })).toBe(2)
    expect(await repo().exists({ ownerId: 7, serialNo: 'F-2' })).toBe(true)
    expect(await repo().exists({ ownerId: 8 })).toBe(false)
    expect(await repo().getOneBy({ serialNo: 'missing' })).toBeUndefined()
    expect(await repo().count({ ownerId: null })).toBeGreaterThan(0)
  })

  it('lists a window with the total of all matches, in the order asked', async () => {
    for (let i = 0; i < 5; i++) await add(`L-${i}`, `Listed ${i}`, 9)
    const page = await repo().list({
      where: { ownerId: 9 },
      limit: 2,
      offset: 1,
      orderBy: 'serialNo',
      descending: true,
    })
    expect(page.total).toBe(5)
    expect(page.items.map((g) => g.serialNo)).toEqual(['L-3', 'L-2'])
  })

  it('updates only the given fields, bumping the version and ignoring generated ones', async () => {
    const g = await add('U-1')
    const updated = await repo().update(g.id, { displayName: 'Renamed', version: 99 } as never)
    expect(updated).toMatchObject({ serialNo: 'U-1', displayName: 'Renamed', version: 2 })
    expect(updated!.updatedAt).not.toBe('')
    expect(await repo().update(123456, { displayName: 'x' })).toBeUndefined()
  })

  it('checks the version inside the write: a stale one is a 412, a current one applies', async () => {
    const g = await add('V-1')
    await expect(repo().update(g.id, { displayName: 'x' }, { versions: [5] })).rejects.toMatchObject({ status: 412 })
    await expect(repo().delete(g.id, { versions: [] })).rejects.toBeInstanceOf(HttpError)
    expect((await repo().update(g.id, { displayName: 'ok' }, { versions: [1] }))?.version).toBe(2)
    expect(await repo().delete(g.id, { versions: [2] })).toBe(true)
    expect(await repo().delete(g.id)).toBe(false)
  })

  it('turns a UNIQUE violation into 409 naming the camelCase field', async () => {
    await add('DUP')
    const error = await add('DUP').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 409, extensions: { fields: ['serialNo'] } })
  })

  it('refuses filters on fields the model does not have, so no identifier comes from outside', async () => {
    await expect(repo().count({ 'id = 1 OR 1': 1 } as never)).rejects.toThrow(/no field/)
  })
})
