import { api, asyncApiInfo, info } from '../src/app/api'
import { createApp } from '../src/core'
import { generateAsyncApi } from '../src/core/asyncapi'
import { generateDocument } from '../src/core/openapi'

const app = createApp(api)
export const document = generateDocument(app, info)
export const asyncapi = generateAsyncApi(app, asyncApiInfo)
