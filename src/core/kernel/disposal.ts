import type { cleanUpAfter } from './cleanup'

/**
 * What runs a request's disposers once it is answered (`cleanUpAfter`), set by `withCleanup`: a request can only
 * hold a disposer that `withCleanup` made, so by the time one has any this is set, and an app whose providers make
 * none bundles none of it. Set once per isolate, never per request.
 */
export const disposal: { after?: typeof cleanUpAfter } = {}
