import { dto, exclude, include, inputDto, pageOf, partial } from 'edgestar/data'
import { Todo } from './model'

const example = {
  id: 1,
  owner: 'alice',
  title: 'Water the plants',
  done: false,
  priority: 'normal' as const,
  tags: ['home'],
  createdAt: '2026-01-01T12:00:00.000Z',
  updatedAt: '2026-01-01T12:00:00.000Z',
}

/** A todo as responses show it; its version travels as the ETag. */
export const TodoRead = dto('TodoRead', exclude(Todo.public, ['version']), { examples: [example] })

/** What creating a todo takes; `done`, `priority` and `tags` have defaults. */
export const TodoCreate = inputDto('TodoCreate', include(Todo.fields, ['title', 'done', 'priority', 'dueAt', 'tags']), {
  examples: [{ title: 'Water the plants', tags: ['home'] }],
})

/** What a partial update (PATCH) takes. */
export const TodoPatch = inputDto(
  'TodoPatch',
  partial(include(Todo.fields, ['title', 'done', 'priority', 'dueAt', 'tags'])),
  { examples: [{ done: true }] },
)

/** One page of todos. */
export const TodoPage = pageOf('TodoPage', TodoRead)
