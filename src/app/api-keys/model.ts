import * as v from 'valibot'
import { defineModel } from '../../core/data'
import { Id, Timestamp } from '../common/fields'

/** An API key row, defined once. Scopes are stored space-separated; only a hash of the secret is kept. */
export const ApiKeyRow = defineModel({
  table: 'api_keys',
  fields: {
    /** Public id; also the start of the key */
    id: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
    name: v.string(),
    secretHash: v.string(),
    scopes: v.string(),
    createdBy: v.nullable(Id),
    createdAt: Timestamp,
    revokedAt: v.nullable(Timestamp),
  },
  private: ['secretHash'],
  generated: ['createdAt'],
  defaults: ['createdBy', 'revokedAt'],
  references: { createdBy: 'users' },
})
