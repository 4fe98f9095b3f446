import { api, info } from '../src/app/api'
import { createApp, generateDocument } from '../src/core'

export const document = generateDocument(createApp(api), info)
