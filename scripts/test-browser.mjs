// `npm run test:browser`: the docs page in real headless Chromium (Debian's `chromium` at /usr/bin/chromium).
// Without Chromium it says so and passes, so `npm test` works anywhere; .ci/run installs Chromium so CI always runs it.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  if (process.env.REQUIRE_BROWSER_TESTS) {
    console.error(`Browser tests are required here (REQUIRE_BROWSER_TESTS) but there is no Chromium at ${chromium}.`)
    process.exit(1)
  }
  console.log(
    `\n  BROWSER TESTS NOT RUN: no Chromium at ${chromium}.\n` +
      '  Install it (Debian: apt-get install -y chromium) to test the docs page; .ci/run does.\n',
  )
  process.exit(0)
}
const run = spawnSync('npx', ['vitest', 'run', '--project', 'browser'], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
})
process.exit(run.status ?? 1)
