import * as v from 'valibot'
import { defineModel } from '../../core/data'
import { Id, RowId, Timestamp, Version } from '../common/fields'

/** A post, defined once: every post DTO and the repository derive from these fields. */
export const Post = defineModel({
  table: 'posts',
  fields: {
    id: RowId,
    /** The id of the user who wrote it */
    authorId: Id,
    /** 1 to 200 characters */
    title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
    /** 1 to 20,000 characters */
    content: v.pipe(v.string(), v.minLength(1), v.maxLength(20_000)),
    /** How many comments the post has; kept by the database */
    commentCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  generated: ['id', 'commentCount', 'version', 'createdAt', 'updatedAt'],
  version: 'version',
  updatedAt: 'updatedAt',
  references: { authorId: 'users' },
})
