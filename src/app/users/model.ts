import * as v from 'valibot'
import { defineModel } from '../../core/data'
import { RowId, Timestamp, Version } from '../common/fields'
import { DisplayName, EmailAddress } from '../common/identity'

/** A user, defined once: every user DTO and the repository derive from these fields. */
export const User = defineModel({
  table: 'users',
  fields: {
    id: RowId,
    name: DisplayName,
    email: EmailAddress,
    age: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(150)),
    passwordHash: v.string(),
    /** What the user may do */
    role: v.picklist(['user', 'admin']),
    version: Version,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  private: ['passwordHash'],
  // Sent only where a guard restricts the route to the user or to admins (or a reviewed exposesPrivate).
  personal: ['email', 'age', 'role'],
  generated: ['id', 'version', 'createdAt', 'updatedAt'],
  defaults: ['role'],
  version: 'version',
  updatedAt: 'updatedAt',
})
