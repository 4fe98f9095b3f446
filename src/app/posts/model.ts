import * as v from 'valibot'
import { defineModel } from '../../core/data'
import { Id, RowId, Timestamp, Version } from '../common/fields'

/** A post, defined once: every post DTO and the repository derive from these fields. */
export const Post = defineModel({
  table: 'posts',
  fields: {
    id: RowId,
    authorId: v.pipe(Id, v.description('The id of the user who wrote it')),
    title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200), v.description('1 to 200 characters')),
    content: v.pipe(v.string(), v.minLength(1), v.maxLength(20_000), v.description('1 to 20,000 characters')),
    commentCount: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(0),
      v.description('How many comments the post has; kept by the database'),
    ),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  generated: ['id', 'commentCount', 'version', 'createdAt', 'updatedAt'],
  version: 'version',
  updatedAt: 'updatedAt',
  references: { authorId: 'users' },
})
