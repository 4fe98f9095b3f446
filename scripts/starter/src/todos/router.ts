import { bearer } from '../auth'
import { router } from '../env'
import { createTodo, deleteTodo, getTodo, listTodos, patchTodo } from './handlers'
import { provideTodos } from './repo'

/** Reads are public; writes need a bearer token (the guard documents the scheme and answers 401). */
const writes = router({ guards: [bearer.required()], handlers: [createTodo, patchTodo, deleteTodo] })

/** `/todos`: the resource, its repository provided once for every route below. */
export const todos = router({
  path: '/todos',
  tags: ['todos'],
  dependencies: [provideTodos],
  handlers: [listTodos, getTodo, writes],
})
