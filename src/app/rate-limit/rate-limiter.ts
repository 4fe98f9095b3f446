import { DurableObject } from 'cloudflare:workers'

/** One object per rate-limit identifier; answers `ping` so health checks can reach it. */
export class RateLimiter extends DurableObject<Cloudflare.Env> {
  ping(): string {
    return 'pong'
  }
}
