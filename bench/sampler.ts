import { measure } from 'mitata'

/** A function's in-process cost: the median over rounds of mitata's median, and the best round. */
export interface Timing {
  /** ns per call. */
  readonly p50: number
  /** ns per call in the least disturbed round. */
  readonly min: number
}

/** Rounds per comparison, and each round's mitata options: short batches so one round takes tens of ms, not seconds. */
const ROUNDS = 25
const OPTIONS = { min_cpu_time: 15e6, batch_samples: 64, min_samples: 8 }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/**
 * Times several functions side by side with mitata, interleaved: every round measures each once, in a
 * shuffled order, so a busy shared machine slows all contenders alike instead of whichever ran during the spike.
 */
export async function interleaved(fns: Record<string, () => unknown>): Promise<Record<string, Timing>> {
  const names = Object.keys(fns)
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...names].sort(() => Math.random() - 0.5)
    for (const name of order) {
      const stats = await measure(fns[name]!, OPTIONS)
      samples[name]!.push(stats.p50)
    }
  }
  return Object.fromEntries(names.map((n) => [n, { p50: median(samples[n]!), min: Math.min(...samples[n]!) }]))
}
