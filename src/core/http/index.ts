// `edgestar/http`: HTTP semantics a handler opts into: conditional requests (ETags), ranges, multipart streaming,
// precompressed variants, download names and NDJSON streams.
export {
  conditionalHeaders,
  entityTag,
  etagHeader,
  notModified,
  notModifiedResponse,
  versioned,
  versionsFromIfMatch,
} from './conditional'
export { contentDisposition } from './content-disposition'
export { ndjsonResponse } from './ndjson'
export { acceptsEncoding, precompressed, type StoredEncoding } from './precompressed'
export { type ByteRange, parseRange } from './range'
export { type MultipartLimits, type MultipartPart, readMultipart } from './read-multipart'
