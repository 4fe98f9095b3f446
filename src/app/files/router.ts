import { provide, router } from '../../core'
import { authenticated } from '../auth/guards'
import { deleteFile, downloadFile, listFiles, uploadFiles } from './handlers'
import { FileStore, Files } from './repo'

/** Files on R2: upload, list, download (with ranges and ETags) and delete; login required throughout. */
export const files = router({
  path: '/files',
  tags: ['files'],
  guards: [authenticated],
  dependencies: [provide(Files, ({ env }) => new FileStore(env.FILES))],
  handlers: [uploadFiles, listFiles, downloadFile, deleteFile],
})
