import { RateLimiterObject } from '../../core'

/** The RATE_LIMITER Durable Object: the core's exact sliding-window limiter, one object per policy and client. */
export class RateLimiter extends RateLimiterObject {}
