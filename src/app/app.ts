import asyncapi from '../../schema/asyncapi.json'
import document from '../../schema/openapi.json'
import { createApp, documentRoutes } from '../core'
import { asyncApiRoute } from '../core/realtime'
import { api } from './api'
import { docsPage } from './docs/docs-page'

/**
 * The reference API as one app value: what the Worker serves (its OpenAPI document at `/`, the docs page to
 * browsers, its AsyncAPI document at `/asyncapi.json`) and what tests drive through the testing kit.
 */
export const app = createApp({
  ...api,
  handlers: [...documentRoutes(document, docsPage), asyncApiRoute(asyncapi), ...api.handlers],
})

export { asyncApiInfo, info } from './api'
