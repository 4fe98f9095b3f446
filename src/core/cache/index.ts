// `edgestar/cache`: the response cache plugin and the write records its tag purges come from.
export type { CacheConfig } from './cache-config'
export { type ResponseCacheOptions, responseCache } from './response-cache'
export { recordWrite, writeRecorder, writtenTags } from './written-tags'
