import { api, info } from '../src/app/api'
import { createApp } from '../src/core'
import { generateDocument } from '../src/core/openapi'

export const document = generateDocument(createApp(api), info)
