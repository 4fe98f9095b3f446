import { defineModel } from 'edgestar/data'
import * as v from 'valibot'

/** A todo, defined once: its DTOs, its repository and its list filters derive from these fields. */
export const Todo = defineModel({
  table: 'todos',
  fields: {
    id: v.pipe(v.number(), v.integer(), v.minValue(1)),
    /** The subject of the token that created it */
    owner: v.string(),
    title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
    done: v.boolean(),
    priority: v.picklist(['low', 'normal', 'high']),
    /** When it is due (ISO 8601, UTC) */
    dueAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
    tags: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(30))), v.maxLength(10)),
    version: v.pipe(v.number(), v.integer()),
    createdAt: v.pipe(v.string(), v.isoTimestamp()),
    updatedAt: v.pipe(v.string(), v.isoTimestamp()),
  },
  generated: ['id', 'version', 'createdAt', 'updatedAt'],
  defaults: { done: false, priority: 'normal', tags: [] },
  version: 'version',
  updatedAt: 'updatedAt',
})
