import { forbidden } from '../../core'
import type { UserRepository } from '../users/repo'
import { verifyPassword } from './password'

/**
 * The caller's own row, if `password` is its current password; else 403. What a sensitive change (password,
 * email, deleting an account) asks for besides the credential: a stolen token, however fresh, is not enough.
 */
export async function reauthenticate(users: UserRepository, userId: number, password: string) {
  const row = await users.getOneBy({ id: userId })
  if (!row || !(await verifyPassword(password, row.passwordHash))) return forbidden('The current password is wrong')
  return row
}
