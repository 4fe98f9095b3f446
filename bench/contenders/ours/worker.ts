import { createApp } from '../../../src/core'
import { benchApi } from './api'
import document from './openapi.json'

/** This project's contender: the whole benchmark API, serving its pre-generated document. */
export default createApp({ ...benchApi(), document })
