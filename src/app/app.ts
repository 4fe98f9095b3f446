import document from '../../schema/openapi.json'
import { createApp } from '../core'
import { api } from './api'
import { docsPage } from './docs/docs-page'

/** The reference API as one app value: what the Worker serves and what tests drive through the testing kit. */
export const app = createApp({ ...api, document, docsPage })
