import createClient, { type Client } from 'openapi-fetch'
import type { paths } from '../../../schema/openapi'

/** The API's typed client: paths, inputs and outputs typed from the committed OpenAPI document. */
export type ApiClient = Client<paths>

/** A typed client for a running server; `token` adds a bearer Authorization header to every call. */
export const apiClient = (baseUrl: string, token?: string): ApiClient =>
  createClient<paths>({ baseUrl, headers: token ? { authorization: `Bearer ${token}` } : {} })
