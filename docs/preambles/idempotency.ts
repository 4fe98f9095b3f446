// docs/idempotency.md's blocks: a widgets resource with a create handler, over D1.
import { createApp, dependency, post, provide, router, validation } from 'edgestar'
import { defineModel, type Repository as Repo, type SqlDatabase } from 'edgestar/data'
import * as v from 'valibot'

const CurrentUser = dependency<{ id: number } | null>('user')
const Db = dependency<SqlDatabase>('db')
const Widget = defineModel({ table: 'widgets', fields: { id: v.number(), name: v.string() }, generated: ['id'] })
const Widgets = dependency<Repo<typeof Widget>>('widgets')
const createWidget = post(
  '/',
  { body: v.object({ name: v.string() }), inject: { widgets: Widgets } },
  ({ body, deps }) => deps.widgets.add(body),
)
