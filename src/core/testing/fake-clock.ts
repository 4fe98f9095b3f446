/** A clock a test moves by hand: `Date.now()` and `new Date()` read it while it is installed. */
export interface FakeClock {
  now(): number
  /** Moves the clock forward, e.g. past a token's lifetime. */
  advance(ms: number): void
  set(ms: number): void
  /** Puts the real `Date` back. */
  restore(): void
}

/**
 * Replaces the isolate's `Date` with a clock that only moves when told to (expiry, TTLs, windows). Timers are
 * untouched, so awaiting I/O still works.
 * @example const clock = fakeClock(Date.parse('2030-01-01')); clock.advance(16 * 60_000); clock.restore()
 */
export function fakeClock(start: number = Date.now()): FakeClock {
  const RealDate = globalThis.Date
  let current = start
  class FakeDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(current)
      else super(...(args as [string | number | Date]))
    }
    static override now() {
      return current
    }
  }
  globalThis.Date = FakeDate as DateConstructor
  return {
    now: () => current,
    advance(ms) {
      current += ms
    },
    set(ms) {
      current = ms
    },
    restore() {
      globalThis.Date = RealDate
    },
  }
}
