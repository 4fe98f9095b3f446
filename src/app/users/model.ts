import * as v from 'valibot'
import { defineModel } from '../../core/data'
import { Id, Timestamp, Version } from '../common/fields'

/** A user, defined once: every user DTO and the repository derive from these fields. */
export const User = defineModel({
  table: 'users',
  fields: {
    id: Id,
    name: v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(50), v.description('2 to 50 characters')),
    email: v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(254),
      v.email(),
      v.description('Unique, compared case-insensitively'),
    ),
    age: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(150)),
    passwordHash: v.string(),
    role: v.pipe(v.picklist(['user', 'admin']), v.description('What the user may do')),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  private: ['passwordHash'],
  generated: ['id', 'version', 'createdAt', 'updatedAt'],
  defaults: ['role'],
  version: 'version',
  updatedAt: 'updatedAt',
})
