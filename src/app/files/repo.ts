import { dependency, sha256Hex } from '../../core'
import type { IdempotencyClaim } from '../../core/data'
import type { FileInfo } from './model'

// Objects live under `files/<key>`; an empty marker under `owners/<id>/<key>` indexes them per owner,
// so a user's list is one prefix listing instead of a scan of everyone's files.
const dataKey = (key: string) => `files/${key}`
const markerKey = (owner: number, key: string) => `owners/${owner}/${key}`

const toMetadata = (info: FileInfo): Record<string, string> => ({
  // Percent-encoded: R2 metadata travels as HTTP headers on other APIs, which are not safe for UTF-8.
  name: encodeURIComponent(info.name),
  size: String(info.size),
  contentType: info.contentType,
  owner: String(info.owner),
  uploadedAt: info.uploadedAt,
})

const fromObject = (object: R2Object, key: string): FileInfo | undefined => {
  const m = object.customMetadata
  if (!m?.name || !m.owner || !m.contentType) return undefined
  return {
    key,
    name: decodeURIComponent(m.name),
    size: Number(m.size),
    contentType: m.contentType,
    owner: Number(m.owner),
    uploadedAt: m.uploadedAt ?? object.uploaded.toISOString(),
  }
}

/** One stored file: what we know of it and its strong ETag. */
export interface StoredFile {
  readonly info: FileInfo
  readonly httpEtag: string
  readonly etag: string
}

/** A version-4-shaped UUID from a hash's hex digits, so a derived key passes the same checks as a random one. */
const uuidFrom = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Number.parseInt(hex[16]!, 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`

/** The uploaded files in R2, indexed by owner. */
export class FileStore {
  private stored = 0

  /**
   * `claim` is the request's hold on an Idempotency-Key: under one, the n-th file of the request gets a key derived
   * from it, so a retry after a lost response writes the same objects again instead of a second copy of each.
   */
  constructor(
    private readonly bucket: R2Bucket,
    private readonly claim: () => IdempotencyClaim | undefined = () => undefined,
  ) {}

  /** Stores bytes under a new key; the owner's index marker is written with the same metadata. */
  async put(owner: number, name: string, type: { ext: string; contentType: string }, data: Uint8Array) {
    const claim = this.claim()
    const id = claim ? uuidFrom(await sha256Hex(`file:${claim.key}:${this.stored}`)) : crypto.randomUUID()
    this.stored++
    const key = `${id}.${type.ext}`
    const info: FileInfo = {
      key,
      name,
      size: data.byteLength,
      contentType: type.contentType,
      owner,
      uploadedAt: new Date().toISOString(),
    }
    const customMetadata = toMetadata(info)
    await this.bucket.put(dataKey(key), data, { httpMetadata: { contentType: type.contentType }, customMetadata })
    await this.bucket.put(markerKey(owner, key), null, { customMetadata })
    return info
  }

  /** The file under a key, without its body; undefined when there is none. */
  async head(key: string): Promise<StoredFile | undefined> {
    const object = await this.bucket.head(dataKey(key))
    const info = object && fromObject(object, key)
    return info ? { info, httpEtag: object.httpEtag, etag: object.etag } : undefined
  }

  /** The body of a file, or a range of it, provided it is still the version `etag` names. */
  async body(file: StoredFile, range?: { offset: number; length: number }): Promise<ReadableStream | undefined> {
    const object = await this.bucket.get(dataKey(file.info.key), { range, onlyIf: { etagMatches: file.etag } })
    return object && 'body' in object ? object.body : undefined
  }

  /**
   * One page of files in key order: the owner's, or everyone's when `owner` is undefined. The cursor is
   * the last key served, so it stays inside the prefix and can be checked like any key.
   */
  async list(owner: number | undefined, limit: number, after?: string) {
    const prefix = owner === undefined ? 'files/' : `owners/${owner}/`
    const startAfter = after === undefined ? undefined : prefix + after
    const page = await this.bucket.list({ prefix, limit, startAfter, include: ['customMetadata'] })
    const items: FileInfo[] = []
    for (const object of page.objects) {
      const info = fromObject(object, object.key.slice(prefix.length))
      if (info) items.push(info)
    }
    const last = page.objects.at(-1)?.key.slice(prefix.length)
    return { items, next: page.truncated && last ? last : null }
  }

  /** Removes files and their index markers. */
  async delete(files: readonly FileInfo[]): Promise<void> {
    if (files.length) await this.bucket.delete(files.flatMap((f) => [dataKey(f.key), markerKey(f.owner, f.key)]))
  }
}

/** The file store, provided by the files router from the `FILES` bucket. */
export const Files = dependency<FileStore>('files')
