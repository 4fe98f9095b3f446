import { IdempotencyObject } from '../../core/workers'

/** The IDEMPOTENCY Durable Object: the core's per-key decider, one object per caller and Idempotency-Key. */
export class IdempotencyKeys extends IdempotencyObject {}
