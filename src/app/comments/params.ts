import * as v from 'valibot'
import { withParams } from '../../core'
import { Id } from '../common/fields'

/** The post in the path. */
export const PostParams = v.object({
  /** The post the comments are on */
  postId: Id,
})

/** A comment of the post in the path. */
export const CommentParams = v.object({
  ...PostParams.entries,
  /** The comment id */
  id: Id,
})

/** Handlers, guards, providers and the router below `/posts/:postId/comments`, seeing `ctx.params.postId` typed. */
export const onPost = withParams(PostParams)
