// The recipe's params block (src/app/comments/params.ts): what it uses.
import { withParams } from 'edgestar'
import * as v from 'valibot'
import { Id } from '../src/app/common/fields'
