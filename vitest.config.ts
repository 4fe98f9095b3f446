import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'
import { withDocComments } from './scripts/doc-comments.mjs'
import { withFieldComments } from './scripts/field-comments.mjs'

// wrangler.toml's [assets] folder must exist before the Workers pool reads it.
execFileSync(process.execPath, ['scripts/docs-assets.mjs'])
// The Workers pool reads wrangler.toml once per test file, and wrangler logs "Using secrets defined in ..." and a
// missing-secrets warning each time: errors only. Servers the node tests start set their own level back.
process.env.WRANGLER_LOG ??= 'error'

export default defineConfig({
  test: {
    // Console output of passing tests (request logs, expected warnings) is dropped; a failing test shows its own.
    silent: 'passed-only',
    projects: [
      {
        // Integration tests inside workerd, with real local D1, KV, R2 and Durable Objects.
        plugins: [
          // As `edgestar document` does: a handler's doc comment is its description, and an object schema field's
          // its field's, so an app built in a test generates the committed document.
          {
            name: 'doc-comments',
            enforce: 'pre',
            transform: (code: string, id: string) =>
              /\/src\/.*\.ts$/.test(id) && !id.includes('/node_modules/')
                ? withFieldComments(withDocComments(code))
                : undefined,
          },
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(
                  join(dirname(fileURLToPath(import.meta.url)), 'schema/migrations'),
                ),
                JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
                METRICS_PASSWORD: 'test-metrics-password-0123456789',
                // Every test file's requests come from one address; raise the app's limits so suites are not throttled.
                RATE_LIMIT_DEFAULT: '1000000',
                RATE_LIMIT_LOGIN: '1000000',
                RATE_LIMIT_REAUTH: '1000000',
                RATE_LIMIT_REAUTH_ACCOUNT: '1000000',
                RATE_LIMIT_SIGNUP: '1000000',
              },
            },
          })),
        ],
        test: { name: 'workers', include: ['test/workers/**/*.test.ts'], setupFiles: ['./test/setup.ts'] },
      },
      {
        // Tests that need Node: the spec validator, and real HTTP against `wrangler dev`.
        test: {
          name: 'node',
          environment: 'node',
          env: { WRANGLER_LOG: 'log' },
          include: ['test/node/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // Type tests: what the README promises about types, checked by the compiler (`*.test-d.ts`).
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: './tsconfig.types.json',
          },
        },
      },
      {
        // The docs page in headless Chromium; `npm run test:browser` runs it only where Chromium is installed.
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
