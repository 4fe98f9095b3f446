import * as v from 'valibot'

/** How a stored file is described, for the document's examples. Files live in R2, not D1: this is their model. */
export function fileExample() {
  return {
    key: '0b0e4c8e-8a0c-4f5e-9a53-5c1f0f6f2a10.png',
    name: 'diagram.png',
    size: 48213,
    contentType: 'image/png',
    owner: 2,
    uploadedAt: '2026-01-01T12:00:00.000Z',
  }
}

/** What is known about a stored file; never its bytes. */
export const FileInfo = v.pipe(
  v.object({
    /** The generated key: a UUID and the extension */
    key: v.string(),
    /** The original file name, sanitized */
    name: v.string(),
    /** Bytes */
    size: v.pipe(v.number(), v.integer()),
    contentType: v.string(),
    /** The uploader’s user id */
    owner: v.pipe(v.number(), v.integer()),
    uploadedAt: v.pipe(v.string(), v.isoTimestamp()),
  }),
  v.title('FileInfo'),
  v.metadata({ examples: [fileExample()] }),
)
/** A stored file's description. */
export type FileInfo = v.InferOutput<typeof FileInfo>
