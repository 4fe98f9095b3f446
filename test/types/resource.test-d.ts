import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { dependency } from '../../src/core'
import {
  defineModel,
  emits,
  include,
  inputDto,
  listEndpoint,
  pageOf,
  type Repository,
  resource,
} from '../../src/core/data'
import { event } from '../../src/core/events'

// What resource() promises about types: which handlers exist follows from the views (or `only`), and its hooks
// see the body, params and injections of the handler they shape.
const Note = defineModel({
  table: 'notes',
  fields: { id: v.number(), boardId: v.number(), text: v.string(), version: v.number() },
  generated: ['id', 'version'],
  version: 'version',
})
const Notes = dependency<Repository<typeof Note>>('notes')
const Caller = dependency<{ id: number }>('caller')
const NoteWrite = inputDto('NoteWrite', include(Note.fields, ['text']))
const NoteRead = v.object(Note.public)
const Created = event<{ id: number; text: string }>('note.created')
const Deleted = event<{ id: number }>('note.deleted')

describe('resource()', () => {
  it('makes the handlers its views allow, and only those', () => {
    const reads = resource(Note, { repo: Notes, name: 'Note', views: { read: NoteRead } })
    expectTypeOf(reads).toHaveProperty('get')
    expectTypeOf(reads).toHaveProperty('delete')
    // @ts-expect-error no create view, so no create handler
    reads.create
    const list = listEndpoint(Note, { page: 'offset' })
    const all = resource(Note, {
      repo: Notes,
      name: 'Note',
      list,
      views: {
        read: NoteRead,
        create: NoteWrite,
        replace: NoteWrite,
        patch: NoteWrite,
        page: pageOf('NotePage', NoteRead),
      },
    })
    expectTypeOf(all).toHaveProperty('list')
    expectTypeOf(all).toHaveProperty('replace')
    const some = resource(Note, {
      repo: Notes,
      name: 'Note',
      views: { read: NoteRead, create: NoteWrite },
      only: ['create'],
    })
    expectTypeOf(some).toHaveProperty('create')
    // @ts-expect-error only create was asked for
    some.get
  })

  it('types create.values from the create view, the collection params and its injections', () => {
    resource(Note, {
      repo: Notes,
      name: 'Note',
      params: v.object({ boardId: v.number() }),
      views: { read: NoteRead, create: NoteWrite },
      create: {
        inject: { caller: Caller },
        values: ({ body, params, deps }) => {
          expectTypeOf(body).toEqualTypeOf<{ text: string }>()
          expectTypeOf(params.boardId).toEqualTypeOf<number>()
          expectTypeOf(deps.caller.id).toEqualTypeOf<number>()
          return { ...body, boardId: params.boardId }
        },
      },
    })
    resource(Note, {
      repo: Notes,
      name: 'Note',
      views: { read: NoteRead, create: NoteWrite },
      create: {
        // @ts-expect-error text is a string in the model
        values: () => ({ text: 5 }),
      },
    })
  })

  it('types event payloads by the event, from the row or the deleted key', () => {
    resource(Note, {
      repo: Notes,
      name: 'Note',
      views: { read: NoteRead },
      events: {
        created: emits(Created, (row) => ({ id: row.id, text: row.text })),
        deleted: emits(Deleted, ({ id }) => ({ id })),
      },
    })
    // @ts-expect-error the payload must be the event's
    emits(Created, (row: { id: number }) => ({ id: row.id }))
  })
})
