// `edge-api/asyncapi`: build time only. Turns a built app's event streams and channels into an AsyncAPI 3.0
// document (through the same schema converter as `edge-api/openapi`, its optional peer dependency). The route
// serving the committed document at request time is `asyncApiRoute` in `edge-api/realtime`.
export { type AsyncApiInfo, generateAsyncApi } from './generate'
