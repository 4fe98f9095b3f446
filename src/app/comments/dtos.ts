import { cursorPageOf, dto, exclude, include, inputDto } from '../../core/data'
import { Comment } from './model'

/** A comment as responses show it. */
export const commentExample = {
  id: 1,
  postId: 1,
  authorId: 2,
  body: 'It weaves algebraic patterns just as the Jacquard loom weaves flowers.',
  createdAt: '2026-01-01T12:00:00.000Z',
  updatedAt: '2026-01-01T12:00:00.000Z',
}

/** A comment as every response shows it; the version travels as the ETag. */
export const CommentRead = dto('CommentRead', exclude(Comment.public, ['version']), { examples: [commentExample] })

/** What writing a comment takes: its text (the post is in the path, the author is whoever is logged in). */
export const CommentWrite = inputDto('CommentWrite', include(Comment.fields, ['body']), {
  examples: [{ body: commentExample.body }],
})

/** One keyset page of comments. */
export const CommentPage = cursorPageOf('CommentPage', CommentRead)
