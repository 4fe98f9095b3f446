import { env } from 'cloudflare:workers'
import * as v from 'valibot'
import { beforeAll, describe, expect, it } from 'vitest'
import { type AnyHandler, createApp, dependency, forbidden, guard, validation, withParams } from '../../../src/core'
import {
  defineModel,
  dto,
  emits,
  exclude,
  include,
  inputDto,
  listEndpoint,
  pageOf,
  partial,
  Repository,
  resource,
} from '../../../src/core/data'
import { event, events, listen } from '../../../src/core/events'
import { testClient } from '../../../src/core/testing'

// A parent and a child of their own, so the helper is tested apart from the app's resources.
const Id = v.pipe(v.number(), v.safeInteger(), v.minValue(1))
const Board = defineModel({ table: 'boards', fields: { id: Id, title: v.string() }, generated: ['id'] })
const Note = defineModel({
  table: 'notes',
  fields: { id: Id, boardId: Id, ownerId: Id, text: v.string(), version: Id, updatedAt: v.string() },
  generated: ['id', 'version', 'updatedAt'],
  version: 'version',
  updatedAt: 'updatedAt',
  references: { boardId: 'boards' },
})
beforeAll(async () => {
  await env.DB.exec('CREATE TABLE boards (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL)')
  await env.DB.exec(
    "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, board_id INTEGER NOT NULL REFERENCES boards(id), owner_id INTEGER NOT NULL, text TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL DEFAULT '')",
  )
  await env.DB.exec("INSERT INTO boards (title) VALUES ('one'), ('two')")
})

const NoteRead = dto('NoteRead', exclude(Note.public, ['version']))
const NoteWrite = inputDto('NoteWrite', include(Note.fields, ['text']))
const NotePatch = inputDto('NotePatch', partial(include(Note.fields, ['text'])))
const notes = listEndpoint(Note, { sort: { fields: ['id'], default: 'id' }, page: 'offset' })
const Boards = dependency<Repository<typeof Board>>('boards')
const Notes = dependency<Repository<typeof Note>>('notes')
const Caller = dependency<number>('caller')
const onBoard = withParams(v.object({ boardId: Id }))
const NoteParams = v.object({ ...onBoard.params.entries, id: Id })
const NoteCreated = event<{ id: number; boardId: number }>('note.created')
const NoteChanged = event<{ id: number; text: string }>('note.changed')
const NoteDeleted = event<{ id: number }>('note.deleted')

// The owner check: the caller (a header, for the test) must own the note; another board's note is not found.
const owner = guard({ name: 'noteOwner', params: NoteParams, errors: [403] }, async (ctx) => {
  const note = await (await ctx.resolve(Notes)).get(ctx.params.id)
  if (note && String(note.ownerId) !== ctx.request.headers.get('x-user')) forbidden('Not your note')
})

const made = resource(Note, {
  repo: Notes,
  name: 'Note',
  params: onBoard.params,
  itemParams: NoteParams,
  parent: { repo: Boards, param: 'boardId', field: 'boardId', name: 'Board' },
  list: notes,
  views: {
    read: NoteRead,
    create: NoteWrite,
    replace: NoteWrite,
    patch: NotePatch,
    page: pageOf('NotePage', NoteRead),
  },
  owner,
  events: {
    created: emits(NoteCreated, ({ id, boardId }) => ({ id, boardId })),
    changed: emits(NoteChanged, ({ id, text }) => ({ id, text })),
    deleted: emits(NoteDeleted, ({ id }) => ({ id })),
  },
  create: { inject: { caller: Caller }, values: ({ body, deps: { caller } }) => ({ ...body, ownerId: caller }) },
  specs: { patch: { summary: 'Edit a note', errors: [409] } },
})

const seen: unknown[] = []
const app = createApp({
  plugins: [
    validation(),
    events({
      listeners: [NoteCreated, NoteChanged, NoteDeleted].map((e) =>
        listen(e as typeof NoteDeleted, { name: 'seen' }, (p) => void seen.push([e.name, p])),
      ),
    }),
  ],
  handlers: [
    onBoard.router({
      path: '/boards/:boardId/notes',
      dependencies: [
        onBoard.provide(Notes, ({ params }) => new Repository(env.DB, Note).scoped({ boardId: params.boardId })),
        onBoard.provide(Boards, () => new Repository(env.DB, Board)),
        onBoard.provide(Caller, ({ request }) => Number(request.headers.get('x-user') ?? 0)),
      ],
      handlers: Object.values(made),
    }),
  ],
})
const client = testClient(app, { env, headers: { 'x-user': '7' } })
const json = (body: unknown) => ({ method: 'POST', json: body })

describe('resource(): the standard handlers from a model, its repository and its views', () => {
  it('creates: 201, the read view, its ETag, Location, the created event; a missing parent is its 404', async () => {
    seen.length = 0
    const res = await client.fetch('/boards/1/notes', json({ text: 'hello' }))
    expect(res.status).toBe(201)
    const note = (await res.json()) as { id: number }
    expect(note).toMatchObject({ boardId: 1, ownerId: 7, text: 'hello' })
    expect(note).not.toHaveProperty('version')
    expect(res.headers.get('etag')).toBe('"1"')
    expect(res.headers.get('location')).toBe(`/boards/1/notes/${note.id}`)
    expect(seen).toEqual([['note.created', { id: note.id, boardId: 1 }]])

    const orphan = await client.fetch('/boards/99/notes', json({ text: 'lost' }))
    expect(orphan.status).toBe(404)
    expect(((await orphan.json()) as { detail: string }).detail).toBe('Board 99 not found')
    expect(await env.DB.prepare("SELECT count(*) AS n FROM notes WHERE text = 'lost'").first('n')).toBe(0)
  })

  it('gets with its ETag and a 304 for a current copy; another board’s note is a 404 naming both', async () => {
    const { id } = (await (await client.fetch('/boards/1/notes', json({ text: 'read me' }))).json()) as { id: number }
    const res = await client.fetch(`/boards/1/notes/${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('etag')).toBe('"1"')
    expect((await client.fetch(`/boards/1/notes/${id}`, { headers: { 'if-none-match': '"1"' } })).status).toBe(304)
    const other = await client.fetch(`/boards/2/notes/${id}`)
    expect(other.status).toBe(404)
    expect(((await other.json()) as { detail: string }).detail).toBe(`Board 2 has no note ${id}`)
  })

  it('replaces and patches under If-Match (412 when stale, nothing changed), emitting the changed event', async () => {
    const { id } = (await (await client.fetch('/boards/1/notes', json({ text: 'v1' }))).json()) as { id: number }
    seen.length = 0
    const stale = await client.fetch(`/boards/1/notes/${id}`, {
      method: 'PATCH',
      json: { text: 'lost update' },
      headers: { 'if-match': '"5"' },
    })
    expect(stale.status).toBe(412)
    // A weak tag never matches If-Match, and a list naming no current version is stale too.
    for (const tag of ['W/"1"', '"2", "3"', 'garbage'])
      expect(
        (
          await client.fetch(`/boards/1/notes/${id}`, {
            method: 'PATCH',
            json: { text: 'x' },
            headers: { 'if-match': tag },
          })
        ).status,
        tag,
      ).toBe(412)
    expect(seen).toEqual([])
    const patched = await client.fetch(`/boards/1/notes/${id}`, {
      method: 'PATCH',
      json: { text: 'v2' },
      headers: { 'if-match': '"1"' },
    })
    expect(patched.status).toBe(200)
    expect(patched.headers.get('etag')).toBe('"2"')
    const replaced = await client.fetch(`/boards/1/notes/${id}`, { method: 'PUT', json: { text: 'v3' } })
    expect(replaced.headers.get('etag')).toBe('"3"')
    expect(seen).toEqual([
      ['note.changed', { id, text: 'v2' }],
      ['note.changed', { id, text: 'v3' }],
    ])
    expect(await env.DB.prepare('SELECT text, version FROM notes WHERE id = ?').bind(id).first()).toEqual({
      text: 'v3',
      version: 3,
    })
  })

  it('deletes under If-Match with the deleted event; then it is gone', async () => {
    const { id } = (await (await client.fetch('/boards/1/notes', json({ text: 'bye' }))).json()) as { id: number }
    seen.length = 0
    expect(
      (await client.fetch(`/boards/1/notes/${id}`, { method: 'DELETE', headers: { 'if-match': '"2"' } })).status,
    ).toBe(412)
    expect(
      (await client.fetch(`/boards/1/notes/${id}`, { method: 'DELETE', headers: { 'if-match': '"1"' } })).status,
    ).toBe(204)
    expect(seen).toEqual([['note.deleted', { id }]])
    expect((await client.fetch(`/boards/1/notes/${id}`, { method: 'DELETE' })).status).toBe(404)
  })

  it('puts the owner check on replace, patch and delete only', async () => {
    const { id } = (await (await client.fetch('/boards/1/notes', json({ text: 'mine' }))).json()) as { id: number }
    const stranger = { 'x-user': '8' }
    expect((await client.fetch(`/boards/1/notes/${id}`, { headers: stranger })).status).toBe(200)
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(
        (await client.fetch(`/boards/1/notes/${id}`, { method, json: { text: 'x' }, headers: stranger })).status,
      ).toBe(403)
    expect(await env.DB.prepare('SELECT text FROM notes WHERE id = ?').bind(id).first('text')).toBe('mine')
  })

  it('lists the parent’s page; a missing parent is its 404', async () => {
    await client.fetch('/boards/2/notes', json({ text: 'on two' }))
    const page = (await (await client.fetch('/boards/2/notes')).json()) as {
      items: { boardId: number }[]
      total: number
    }
    expect(page.total).toBe(1)
    expect(page.items.every((n) => n.boardId === 2)).toBe(true)
    expect((await client.fetch('/boards/99/notes')).status).toBe(404)
  })

  it('adds specs to the standard ones, errors included, and documents what each handler can answer', () => {
    const spec = (h: AnyHandler) => h?.spec as { summary?: string; errors?: number[] }
    expect(spec(made.patch)).toMatchObject({ summary: 'Edit a note', errors: [404, 412, 409] })
    expect(spec(made.get)).toMatchObject({ summary: 'Get a note', errors: [404] })
    expect(spec(made.create)).toMatchObject({ summary: 'Create a note', errors: [404] })
    expect(Object.keys(made).sort()).toEqual(['create', 'delete', 'get', 'list', 'patch', 'replace'])
  })

  it('declares what it emits, so an app without the events plugin refuses to build instead of failing after a write', () => {
    expect(made.create.spec).toMatchObject({ emits: ['note.created'] })
    expect(made.patch.spec).toMatchObject({ emits: ['note.changed'] })
    expect(made.get.spec).not.toHaveProperty('emits')
    expect(() =>
      createApp({
        plugins: [validation()],
        handlers: [onBoard.router({ path: '/boards/:boardId/notes', handlers: [made.create] })],
      }),
    ).toThrow(/Route POST \/boards\/:boardId\/notes sets the option "emits", which no registered plugin owns/)
  })

  it('makes only what is asked, takes overrides, and refuses what its views cannot make', () => {
    const own = onBoard.get('/:id', () => 'mine')
    const some = resource(Note, {
      repo: Notes,
      name: 'Note',
      views: { read: NoteRead },
      only: ['get', 'delete'],
      override: { get: own },
    })
    expect(Object.keys(some).sort()).toEqual(['delete', 'get'])
    expect(some.get).toBe(own)
    expect(() => resource(Note, { repo: Notes, name: 'Note', views: { read: NoteRead }, only: ['create'] })).toThrow(
      /resource\(Note\): no create without its view/,
    )
    expect(() =>
      resource(Note, { repo: Notes, name: 'Note', views: { read: NoteRead, page: pageOf('P', NoteRead) } }),
    ).toThrow(/views.page needs list/)
  })
})
