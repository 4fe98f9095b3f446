import { provide, router } from '../../core'
import { idempotencyRecord } from '../../core/idempotency'
import { authenticated } from '../auth/guards'
import { deleteFile, downloadFile, listFiles, uploadFiles } from './handlers'
import { FileStore, Files } from './repo'

/** Files on R2: upload, list, download (with ranges and ETags) and delete; login required throughout. */
export const files = router({
  path: '/files',
  tags: ['files'],
  guards: [authenticated],
  // Uploads are retry-safe under an Idempotency-Key: a retry writes the same keys (FileStore), never second copies.
  idempotency: { methods: ['POST'] },
  dependencies: [provide(Files, (ctx) => new FileStore(ctx.env.FILES, idempotencyRecord(ctx)))],
  handlers: [uploadFiles, listFiles, downloadFile, deleteFile],
})
