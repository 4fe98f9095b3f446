// Compiled on its own (tsconfig.unplugged.json): without importing edgestar/rate-limit, `rateLimit` is no option.
import { router } from 'edgestar'

// @ts-expect-error rateLimit is an option only where its plugin is imported
export const limited = router({ rateLimit: [{ limit: 1, window: 60, key: 'ip' }], handlers: [] })
