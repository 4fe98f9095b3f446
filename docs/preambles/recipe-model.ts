// The recipe's model block (src/app/comments/model.ts): what it uses.
import { defineModel } from 'edgestar/data'
import * as v from 'valibot'
import { Id, Timestamp, Version } from '../src/app/common/fields'
