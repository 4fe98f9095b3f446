import { execFileSync } from 'node:child_process'
import { measure } from 'mitata'

/** A function's in-process cost: the median over rounds of mitata's median, and the best round. */
export interface Timing {
  /** ns per call. */
  readonly p50: number
  /** ns per call in the least disturbed round. */
  readonly min: number
  /** Over fresh processes: the lowest of their `p50`s, the figure the bench compares (`acrossProcesses`). */
  readonly best?: number
}

/** The figure a timing is compared by: the best process's median where there are processes, else the median. */
export const figure = (t: Timing): number => t.best ?? t.p50

/** How a comparison is sampled. */
export interface SampleOptions {
  /** Measured rounds; every round measures each function once. */
  readonly rounds?: number
  /**
   * Ms each function is called in a loop before the first round. V8 needs a few hundred ms of calls to settle a
   * function's optimized code: rounds measured before that put JIT tiering into the median (the first ten rounds of
   * a 3 µs route measured 6 to 25 µs).
   */
  readonly warmupMs?: number
  /**
   * Rounds run and thrown away after the loop, before the measured ones: mitata's own timing loop is new code
   * too, and after the loop alone the first two or three rounds still measured 1.3x to 5x the settled figure.
   */
  readonly warmupRounds?: number
}

/** Rounds per comparison, and each round's mitata options: short batches so one round takes tens of ms, not seconds. */
const ROUNDS = 5
const WARMUP_MS = 150
const WARMUP_ROUNDS = 3
const OPTIONS = { min_cpu_time: 15e6, batch_samples: 64, min_samples: 8 }

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const shuffled = <T>(xs: readonly T[]) => [...xs].sort(() => Math.random() - 0.5)

/** Calls `fn` back to back for `ms`. */
async function warm(fn: () => unknown, ms: number): Promise<void> {
  const end = performance.now() + ms
  while (performance.now() < end) for (let i = 0; i < 64; i++) await fn()
}

/**
 * Times several functions side by side with mitata, interleaved: each is first warmed up, then every round
 * measures each once, in a shuffled order, so a busy shared machine slows all contenders alike instead of whichever
 * ran during the spike.
 */
export async function interleaved(
  fns: Record<string, () => unknown>,
  { rounds = ROUNDS, warmupMs = WARMUP_MS, warmupRounds = WARMUP_ROUNDS }: SampleOptions = {},
): Promise<Record<string, Timing>> {
  const names = Object.keys(fns)
  for (const name of shuffled(names)) await warm(fns[name]!, warmupMs)
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
  for (let round = 0; round < warmupRounds + rounds; round++) {
    for (const name of shuffled(names)) {
      const stats = await measure(fns[name]!, OPTIONS)
      if (round >= warmupRounds) samples[name]!.push(stats.p50)
    }
  }
  return Object.fromEntries(names.map((n) => [n, { p50: median(samples[n]!), min: Math.min(...samples[n]!) }]))
}

/**
 * Combines the timings of fresh processes: the median of their medians, the best round of any, and the lowest of
 * their medians (`best`), which the bench compares. The noise here is one-sided and comes in whole cases: in one
 * process of four or five, a contender's whole case measures 2x to 3x its cost in the others, the 20-line floor
 * included, and no process ever measured a case much below the rest. Each process's median already discards short
 * spikes; the lowest of them discards the processes where that case was disturbed throughout, as timeit's
 * `min()` of repeats does.
 */
export function acrossProcesses(runs: readonly Record<string, Timing>[]): Record<string, Timing> {
  const names = Object.keys(runs[0] ?? {})
  return Object.fromEntries(
    names.map((n) => {
      const p50s = runs.map((r) => r[n]!.p50)
      return [n, { p50: median(p50s), min: Math.min(...runs.map((r) => r[n]!.min)), best: Math.min(...p50s) }]
    }),
  )
}

/** Fresh processes a section is timed in (`inFreshProcesses`); the figure compared is the lowest of their medians. */
export const PROCESSES = 5

/**
 * Runs a section of the benchmark in fresh Node processes (the runner started with `--child=<section>`) and
 * returns what each printed.
 */
export function inFreshProcesses<T>(section: string, args: readonly string[] = []): T[] {
  const runner = process.argv[1]
  if (!runner) throw new Error('the runner script is unknown')
  const out: T[] = []
  for (let i = 0; i < PROCESSES; i++) {
    const text = execFileSync(process.execPath, [runner, `--child=${section}`, ...args], {
      encoding: 'utf8',
      maxBuffer: 16 * 2 ** 20,
    })
    out.push(JSON.parse(text) as T)
  }
  return out
}
