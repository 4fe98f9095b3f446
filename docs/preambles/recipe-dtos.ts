// The recipe's views block (src/app/comments/dtos.ts): what it uses.
import { cursorPageOf, dto, exclude, include, inputDto } from 'edgestar/data'
import { commentExample } from '../src/app/comments/dtos'
import { Comment } from '../src/app/comments/model'
