import type { DocsPage } from '../../core'

/** The interactive reference, a static asset at /docs; `/` answers browsers with it too. */
export const docsPage: DocsPage = ({ env, request }) => env.ASSETS.fetch(new URL('/docs', request.url))
