// `edgestar/asyncapi`: build time only. Turns a built app's event streams and channels into an AsyncAPI 3.0
// document (through the same schema converter as `edgestar/openapi`, its optional peer dependency). The route
// serving the committed document at request time is `asyncApiRoute` in `edgestar/realtime`.
export { type AsyncApiInfo, generateAsyncApi } from './generate'
