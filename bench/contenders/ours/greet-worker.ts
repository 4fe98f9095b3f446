import { createApp, documentRoutes } from '../../../src/core'
import { greetApi } from './api'
import document from './openapi-greet.json'

/** Core plus the greet route and its pre-generated document: the size-to-beat entry. */
export default createApp({ ...greetApi, handlers: [...documentRoutes(document), ...greetApi.handlers] })
