import type { OwnerOf } from '../auth/owner-or-admin'
import type { CommentParams } from './params'
import { Comments } from './repo'

/** The author of the comment in the path, looked up within its post: undefined when the pair does not match. */
export const authorOfComment: OwnerOf<typeof CommentParams> = async (ctx) =>
  (await (await ctx.resolve(Comments)).get(ctx.params.id))?.authorId
