import { createApp, get } from '../../../src/core'

const hello = get('/greet', ({ url }) => ({ message: `Hello, ${url.searchParams.get('name')}!` }))

/** Our hello app: one route, no validation, no document; weighed against Hono's hello. */
export default createApp({ handlers: [hello] })
