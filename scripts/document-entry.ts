import { api, asyncApiInfo, info } from '../src/app/api'
import { createApp, generateAsyncApi, generateDocument } from '../src/core'

const app = createApp(api)
export const document = generateDocument(app, info)
export const asyncapi = generateAsyncApi(app, asyncApiInfo)
