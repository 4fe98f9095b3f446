import type { D1Migration } from 'cloudflare:test'
import type { Env as WorkerEnv } from '../src/env'

// `env` from cloudflare:workers is the Worker's own Env in tests, plus the migrations the config hands in.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      readonly TEST_MIGRATIONS: D1Migration[]
    }
  }
}
