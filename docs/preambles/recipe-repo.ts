// The recipe's repository block (src/app/comments/repo.ts): what it uses.
import { dependency } from 'edgestar'
import { writeRecorder } from 'edgestar/cache'
import { Repository } from 'edgestar/data'
import { idempotencyRecord } from 'edgestar/idempotency'
import { Comment } from '../src/app/comments/model'
import { onPost } from '../src/app/comments/params'
import type { CommentRepository } from '../src/app/comments/repo'
import { Db } from '../src/app/common/db'
