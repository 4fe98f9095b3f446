import { dto, exclude, include, inputDto, pageOf, partial } from '../../core/data'
import { Post } from './model'

/** A post as responses show it, for examples elsewhere in the document. */
export const postExample = {
  id: 1,
  authorId: 1,
  title: 'Notes on the Analytical Engine',
  content: 'It might act upon other things besides number.',
  commentCount: 0,
  createdAt: '2026-01-01T12:00:00.000Z',
  updatedAt: '2026-01-01T12:00:00.000Z',
}
const text = include(Post.fields, ['title', 'content'])
const textExample = { title: postExample.title, content: postExample.content }

/** A post as every response shows it; the version travels as the ETag. */
export const PostRead = dto('PostRead', exclude(Post.public, ['version']), { examples: [postExample] })

/** What creating a post under `/posts` takes: its author and text. */
export const PostCreate = inputDto('PostCreate', include(Post.fields, ['authorId', 'title', 'content']), {
  examples: [{ authorId: 1, ...textExample }],
})

/** What a post takes when its author is in the path, and what replacing one (PUT) takes. */
export const PostText = inputDto('PostText', text, { examples: [textExample] })

/** What a partial update (PATCH) takes. */
export const PostPatch = inputDto('PostPatch', partial(text), { examples: [{ title: 'A better title' }] })

/** One page of posts. */
export const PostPage = pageOf('PostPage', PostRead)
