// `npm test`: every check the README promises, run quietly. A passing step is one line; a failing one prints its
// output in full (every step's output is also kept in .tmp/test/<step>.log). The last line counts tests, and each
// step without tests as one check: `N passed, N failed`. npm's own lines (headers, engine warnings) are part of a
// step's output, so they too show only when it fails. `npm test -- --only lint,typecheck` runs some steps.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const bin = (name) => join('node_modules/.bin', name)
const report = '.tmp/test/unit.json'
// ANSI colour codes, built from the escape character so no control character sits in a regex literal.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

/** Vitest's own count from its JSON report: tests, not files. */
const vitestCounts = () => {
  if (!existsSync(report)) return undefined
  const r = JSON.parse(readFileSync(report, 'utf8'))
  return { passed: r.numPassedTests, failed: r.numFailedTests }
}
/** The count vitest prints (`Tests  2 failed | 10 passed (12)`), for a run whose report is not ours to name. */
const printedCounts = (output) => {
  const line = output.replace(ANSI, '').match(/^\s*Tests\s+(.*)$/m)?.[1]
  if (!line) return undefined
  const n = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0)
  return { passed: n('passed'), failed: n('failed') }
}
const lastLine = (output) => output.replace(ANSI, '').trim().split('\n').filter(Boolean).at(-1)?.trim()

// The package.json scripts of the same names, so a step here and `npm run <step>` never drift apart.
const script = (name) => ['npm', 'run', '--silent', name]
const steps = [
  { name: 'lint', run: script('lint') },
  { name: 'typecheck', run: script('typecheck') },
  { name: 'lint:openapi', run: script('lint:openapi') },
  { name: 'lint:spectral', run: script('lint:spectral') },
  { name: 'schema:check', run: script('schema:check') },
  { name: 'assets', run: script('assets') },
  {
    name: 'workers, node and type tests',
    run: [
      bin('vitest'),
      'run',
      '--project',
      'workers',
      '--project',
      'node',
      '--project',
      'types',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    before: () => rmSync(report, { force: true }),
    counts: vitestCounts,
  },
  {
    name: 'browser tests',
    run: ['node', 'scripts/test-browser.mjs'],
    counts: printedCounts,
    note: (out) => (/NOT RUN/.test(out) ? lastLine(out.replace(/\n\s*Install it[^\n]*/, '')) : undefined),
  },
  { name: 'build:check', run: script('build:check'), note: lastLine },
]

/** Runs a command with its output captured (stdout and stderr interleaved), resolving its exit code and output. */
function capture([command, ...args], env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', (e) => resolve({ code: 1, output: `${output}${e.message}\n` }))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

const seconds = (ms) =>
  ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`
mkdirSync('.tmp/test', { recursive: true })
let passed = 0
let failed = 0
// `npm test -- --only lint,typecheck` runs the named steps only (a prefix of a name is enough).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]?.split(',') : undefined
for (const step of steps) {
  if (only && !only.some((name) => step.name.startsWith(name))) continue
  step.before?.()
  const started = Date.now()
  const { code, output } = await capture(step.run, step.env)
  // Every step's whole output stays on disk for a look afterwards, passing or not.
  writeFileSync(`.tmp/test/${step.name.replace(/[^a-z0-9]+/gi, '-')}.log`, output)
  const counts = step.counts?.(output)
  const ok = code === 0 && (!counts || counts.failed === 0)
  if (counts) {
    passed += counts.passed
    failed += counts.failed || (ok ? 0 : 1)
  } else if (ok) passed++
  else failed++
  const tally = counts ? `${counts.passed} passed${counts.failed ? `, ${counts.failed} failed` : ''}, ` : ''
  const note = ok ? step.note?.(output) : undefined
  console.log(`${ok ? '✓' : '✗'} ${step.name} (${tally}${seconds(Date.now() - started)})${note ? `: ${note}` : ''}`)
  if (!ok) console.log(`\n${output.trimEnd()}\n\n✗ ${step.name} failed (exit code ${code}); its output is above.\n`)
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
