import * as v from 'valibot'
import { defineModel } from '../../core/data'
import { Id, Timestamp, Version } from '../common/fields'

/** A comment on a post, defined once: the DTOs, the repository and the list endpoint derive from it. */
export const Comment = defineModel({
  table: 'comments',
  fields: {
    id: Id,
    /** The post it is on */
    postId: Id,
    /** The id of the user who wrote it */
    authorId: Id,
    /** 1 to 2,000 characters */
    body: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(2000)),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  generated: ['id', 'version', 'createdAt', 'updatedAt'],
  version: 'version',
  updatedAt: 'updatedAt',
  references: { postId: 'posts', authorId: 'users' },
})
