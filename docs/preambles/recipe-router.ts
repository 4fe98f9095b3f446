// The recipe's router block (src/app/comments/router.ts): what it uses.
import { router } from 'edgestar'
import 'edgestar/idempotency'
import { authenticated } from '../src/app/auth/guards'
import { createComment, deleteComment, getComment, listComments, patchComment } from '../src/app/comments/handlers'
import { onPost } from '../src/app/comments/params'
import { provideComments } from '../src/app/comments/repo'
import { providePosts } from '../src/app/posts/repo'
