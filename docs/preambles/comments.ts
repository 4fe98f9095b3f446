// The recipe's blocks: the comments resource of the reference API, which they walk through.
import { get, provide, router } from 'edgestar'
import { writeRecorder } from 'edgestar/cache'
import { listEndpoint, Repository } from 'edgestar/data'
import { authenticated } from '../src/app/auth/guards'
import { ownerOrAdmin } from '../src/app/auth/owner-or-admin'
import { authorOfComment } from '../src/app/comments/author-of'
import { CommentPage } from '../src/app/comments/dtos'
import {
  createComment,
  deleteComment,
  getComment,
  listComments,
  PostParams,
  patchComment,
} from '../src/app/comments/handlers'
import { Comment } from '../src/app/comments/model'
import { Comments, provideComments } from '../src/app/comments/repo'
import { cursorSecret, Db } from '../src/app/common/db'
import { providePosts } from '../src/app/posts/repo'
