// autocannon ships no type declarations; this is the part of its API the benchmark uses.
declare module 'autocannon' {
  interface Histogram {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
  }
  interface Options {
    url: string
    duration?: number
    connections?: number
    method?: string
    headers?: Record<string, string>
    body?: string
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
