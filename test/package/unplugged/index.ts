// Compiled on its own (tsconfig.unplugged.json): without importing edge-api/rate-limit, `rateLimit` is no option.
import { router } from 'edge-api'

// @ts-expect-error rateLimit is an option only where its plugin is imported
export const limited = router({ rateLimit: [{ limit: 1, window: 60, key: 'ip' }], handlers: [] })
