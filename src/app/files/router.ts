import { provide, router } from '../../core'
import { authenticated } from '../auth/guards'
import { deleteFile } from './delete'
import { downloadFile } from './download'
import { FileStore, Files } from './file-store'
import { listFiles } from './list'
import { uploadFiles } from './upload'

/** Files on R2: upload, list, download (with ranges and ETags) and delete; login required throughout. */
export const files = router({
  path: '/files',
  tags: ['files'],
  guards: [authenticated],
  dependencies: [provide(Files, ({ env }) => new FileStore(env.FILES))],
  handlers: [uploadFiles, listFiles, downloadFile, deleteFile],
})
