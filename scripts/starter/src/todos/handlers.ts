import { notFound } from 'edgestar'
import { listEndpoint } from 'edgestar/data'
import { conditionalHeaders, etagHeader, notModifiedResponse, versioned, versionsFromIfMatch } from 'edgestar/http'
import * as v from 'valibot'
import { bearer } from '../auth'
import { del, get, patch, post } from '../env'
import { TodoCreate, TodoPage, TodoPatch, TodoRead } from './dtos'
import { Todo } from './model'
import { Todos } from './repo'

const params = v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) })
const missing = (id: number) => notFound(`Todo ${id} not found`)

/** The list's filters, sorts and pages, declared once: `?done=false&priority[in]=high,normal&sort=-dueAt`. */
export const todoList = listEndpoint(Todo, {
  filter: { done: ['eq'], priority: ['eq', 'in'], owner: ['eq'], dueAt: ['gte', 'lte'] },
  search: ['title'],
  sort: { fields: ['id', 'dueAt', 'priority', 'createdAt'], default: '-id' },
  page: 'offset',
})

/**
 * Lists todos a page at a time, newest first unless sorted otherwise.
 * @summary List todos
 */
export const listTodos = get(
  '/',
  { query: todoList.query, inject: { todos: Todos }, response: TodoPage },
  ({ query, deps }) => todoList.run(deps.todos, query),
)

/**
 * Reads one todo with its ETag; 304 when the client's copy is current.
 * @summary Get a todo
 */
export const getTodo = get(
  '/:id',
  {
    params,
    headers: v.object(conditionalHeaders.read),
    inject: { todos: Todos },
    response: TodoRead,
    successHeaders: etagHeader,
    responses: notModifiedResponse,
    errors: [404],
  },
  async (ctx) => {
    const row = (await ctx.deps.todos.get(ctx.params.id)) ?? missing(ctx.params.id)
    return versioned(ctx, row.version, row, ctx.headers['if-none-match'])
  },
)

/**
 * Creates a todo owned by the caller.
 * @summary Create a todo
 */
export const createTodo = post(
  '/',
  {
    body: TodoCreate,
    inject: { todos: Todos, caller: bearer.authenticated },
    response: TodoRead,
    successHeaders: { ...etagHeader, location: { description: 'The new todo' } },
  },
  async (ctx) => {
    const row = await ctx.deps.todos.add({ ...ctx.body, owner: ctx.deps.caller.id })
    ctx.responseHeaders.set('location', `/todos/${row.id}`)
    return versioned(ctx, row.version, row)
  },
)

/**
 * Changes some of a todo's fields; only its owner may, and If-Match makes it conditional.
 * @summary Update part of a todo
 */
export const patchTodo = patch(
  '/:id',
  {
    params,
    headers: v.object(conditionalHeaders.write),
    body: TodoPatch,
    inject: { todos: Todos, caller: bearer.authenticated },
    response: TodoRead,
    successHeaders: etagHeader,
    errors: [404, 412],
  },
  async (ctx) => {
    const versions = versionsFromIfMatch(ctx.headers['if-match'])
    const where = { owner: ctx.deps.caller.id }
    const row = (await ctx.deps.todos.update(ctx.params.id, ctx.body, { versions, where })) ?? missing(ctx.params.id)
    return versioned(ctx, row.version, row)
  },
)

/**
 * Deletes a todo; only its owner may.
 * @summary Delete a todo
 */
export const deleteTodo = del(
  '/:id',
  {
    params,
    headers: v.object(conditionalHeaders.write),
    inject: { todos: Todos, caller: bearer.authenticated },
    errors: [404, 412],
  },
  async (ctx) => {
    const versions = versionsFromIfMatch(ctx.headers['if-match'])
    const where = { owner: ctx.deps.caller.id }
    if (!(await ctx.deps.todos.delete(ctx.params.id, { versions, where }))) missing(ctx.params.id)
  },
)
