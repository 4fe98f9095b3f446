import { createApp, documentRoutes } from '../../../src/core'
import { benchApi } from './api'
import document from './openapi.json'

/** This project's contender: the whole benchmark API, serving its pre-generated document. */
const api = benchApi()
export default createApp({ ...api, handlers: [...documentRoutes(document), ...api.handlers] })
