import { idParam, type OwnerOf } from '../auth/owner-or-admin'
import { Comments } from './repo'

const commentId = idParam('id')

/** The author of the comment in the path, looked up within its post: undefined when the pair does not match. */
export const authorOfComment: OwnerOf = async (ctx) =>
  (await (await ctx.resolve(Comments)).get(commentId(ctx)))?.authorId
