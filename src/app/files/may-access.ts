import type { UserPrincipal } from '../auth/principal'
import type { FileInfo } from './model'

/** Whether a caller may see and delete a file: its owner, or an admin. */
export const mayAccess = (user: UserPrincipal, info: FileInfo): boolean =>
  user.role === 'admin' || user.id === info.owner
