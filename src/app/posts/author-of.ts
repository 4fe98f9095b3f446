import type { OwnerOf } from '../auth/owner-or-admin'
import type { IdParams } from '../common/fields'
import { Posts } from './repo'

/** The author of the post in the path, for the owner-or-admin guard; undefined when there is no such post. */
export const authorOfPost: OwnerOf<typeof IdParams> = async (ctx) =>
  (await (await ctx.resolve(Posts)).get(ctx.params.id))?.authorId
