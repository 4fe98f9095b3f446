import { idParam, type OwnerOf } from '../auth/owner-or-admin'
import { Posts } from './repo'

const postId = idParam('id')

/** The author of the post in the path, for the owner-or-admin guard; undefined when there is no such post. */
export const authorOfPost: OwnerOf = async (ctx) => {
  return (await (await ctx.resolve(Posts)).get(postId(ctx)))?.authorId
}
