import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { createApp, get } from '../../src/core'
import { defineModel, listEndpoint, pageOf } from '../../src/core/data'
import { testClient } from '../../src/core/testing'

const Todo = defineModel({
  table: 'todos',
  fields: { id: v.number(), title: v.string(), done: v.boolean(), dueAt: v.nullable(v.string()) },
  generated: ['id'],
})
const list = listEndpoint(Todo, {
  filter: { done: ['eq'], id: ['in', 'gte'] },
  search: ['title'],
  sort: { fields: ['id', 'title'], default: '-id' },
  page: 'offset',
})
const cursorList = listEndpoint(Todo, { sort: { fields: ['id'] }, page: 'cursor' })
const Item = v.object({ id: v.number() })
const listTodos = get('/todos', { query: list.query, response: pageOf('TodoPage', Item) }, ({ query }) => {
  expectTypeOf(query.done).toEqualTypeOf<boolean | undefined>()
  expectTypeOf(query['id[in]']).toEqualTypeOf<number[] | undefined>()
  expectTypeOf(query.sort).toEqualTypeOf<'id' | '-id' | 'title' | '-title'>()
  return { items: [], total: 0, page: query.page, per_page: query.per_page }
})
const pageTodos = get('/cursor', { query: cursorList.query }, ({ query }) => query.cursor ?? '')
const client = testClient(createApp({ handlers: [listTodos, pageTodos] }), { env: {} as Cloudflare.Env })

describe("a list endpoint's query is typed by its declaration", () => {
  it('accepts what the declaration offers', () => {
    void client.call(listTodos, {
      query: { done: false, 'id[in]': [1, 2], 'id[gte]': 3, search: 'milk', sort: '-title' },
    })
    void client.call(listTodos, { query: { page: 2, per_page: 10 } })
    void client.call(pageTodos, { query: { cursor: 'abc', per_page: 5 } })
  })

  it('refuses names and values it does not', () => {
    // @ts-expect-error a misspelt parameter
    void client.call(listTodos, { query: { sortt: 'oops' } })
    // @ts-expect-error a sort the declaration does not list
    void client.call(listTodos, { query: { sort: 'done' } })
    // @ts-expect-error title offers no filter
    void client.call(listTodos, { query: { title: 'x' } })
    // @ts-expect-error done is a boolean
    void client.call(listTodos, { query: { done: 'yes' } })
    // @ts-expect-error an offset list has no cursor
    void client.call(listTodos, { query: { cursor: 'abc' } })
    // @ts-expect-error a cursor list has no page
    void client.call(pageTodos, { query: { page: 2 } })
    // @ts-expect-error no search declared
    void client.call(pageTodos, { query: { search: 'x' } })
  })
})
