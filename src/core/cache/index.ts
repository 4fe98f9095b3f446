// `edge-api/cache`: the response cache extension and the write records its tag purges come from.
export { type ResponseCacheOptions, responseCache } from './response-cache'
export { recordWrite, writeRecorder, writtenTags } from './written-tags'
