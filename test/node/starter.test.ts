import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, repo, run } from './run-tool'

// What `npm run create -- <dir>` writes, as a stranger gets it: the core from its packed tarball, and the starter's
// own tests, types and document. Only the dev tools come from this repository's node_modules (the same versions
// the starter's package.json names), so nothing is fetched from the registry during the run.
describe('the starter project', () => {
  const parent = mkdtempSync(join(tmpdir(), 'edgestar-starter-'))
  const project = join(parent, 'todo-app')
  let pkg: { dependencies: Record<string, string>; devDependencies: Record<string, string> }

  beforeAll(() => {
    run('node', ['scripts/create.mjs', project], repo)
    pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))
    // Install the runtime dependencies (the tarball and valibot) as npm would, then lend the dev tools. The core's
    // own dependencies come from this repository's node_modules (an override each): `--offline` reads no registry.
    const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
    const local = (name: string) => `file:${join(repo, 'node_modules', name)}`
    const overrides = Object.fromEntries(Object.keys(root.dependencies).map((name) => [name, local(name)]))
    const dependencies = { ...pkg.dependencies, valibot: local('valibot') }
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ ...pkg, dependencies, devDependencies: {}, overrides }, null, 2),
    )
    run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project)
    writeFileSync(join(project, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
    for (const name of Object.keys(pkg.devDependencies)) {
      if (name.startsWith('@cloudflare/')) continue
      // A scoped tool (@valibot/...) needs its scope folder, which an install that skipped it never made.
      mkdirSync(dirname(join(project, 'node_modules', name)), { recursive: true })
      symlinkSync(join(repo, 'node_modules', name), join(project, 'node_modules', name), 'dir')
    }
    symlinkSync(join(repo, 'node_modules/@cloudflare'), join(project, 'node_modules/@cloudflare'), 'dir')
  }, 300_000)
  afterAll(() => rmSync(parent, { recursive: true, force: true }))

  it('names the tool versions this repository is tested with, and the core by its tarball', () => {
    const root = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'))
    expect(pkg.dependencies.edgestar).toMatch(/^file:vendor\/edgestar-.*\.tgz$/)
    expect(pkg.devDependencies.wrangler).toBe(root.devDependencies.wrangler)
    expect(pkg.devDependencies.node).toBe(root.devDependencies.node)
  })

  it('writes its OpenAPI document with the package’s own command', () => {
    const out = run(
      join(project, 'node_modules/.bin/edgestar'),
      ['document', 'src/app.ts', '--out', 'schema/openapi.json'],
      project,
    )
    expect(out).toContain('schema/openapi.json: 2 paths')
    const document = JSON.parse(readFileSync(join(project, 'schema/openapi.json'), 'utf8'))
    expect(document.info.title).toBe('todo-app')
    expect(document.paths['/todos'].post.security).toEqual([{ bearerAuth: [] }])
    // The packed command reads the handler's doc comment: its text is the description, its @summary tag the summary.
    expect(document.paths['/todos'].post).toMatchObject({
      summary: 'Create a todo',
      description: 'Creates a todo owned by the caller.',
    })
    // And a model field's doc comment is the field's description, inside its optional wrapper when it has one.
    const { TodoRead } = document.components.schemas
    expect(TodoRead.properties.owner.description).toBe('The subject of the token that created it')
    expect(TodoRead.properties.dueAt.description).toBe('When it is due (ISO 8601, UTC)')
    expect(TodoRead.required).toContain('owner')
    expect(TodoRead.required).not.toContain('dueAt')
  })

  it("describes a plugin's stage from a description only the document's build imports, and serves the built forms", () => {
    // A plugin of the project's own: its stage carries facts, its description sits beside it for the build alone.
    writeFileSync(
      join(project, 'src/quota.ts'),
      `import { assetDocumentRoutes, createApp, get, type Plugin } from 'edgestar'
import type { StageDescription } from 'edgestar/openapi'

interface QuotaFacts {
  readonly limit: number
}
const quota: Plugin = {
  name: 'quota',
  stages: () => [{ name: 'quota', at: 'client', run: (_ctx, next) => next(), describe: { limit: 7 } satisfies QuotaFacts }],
}
export const quotaDescription: StageDescription<QuotaFacts> = {
  stages: ['quota'],
  describe(operation, { limit }) {
    operation['x-quota-limit'] = limit
  },
}
export const app = createApp({ plugins: [quota], handlers: [...assetDocumentRoutes(), get('/q', () => ({ ok: true }))] })
export const stageDescriptions = [quotaDescription]
`,
    )
    writeFileSync(join(project, 'src/quota-bare.ts'), "export { app } from './quota'\n")
    writeFileSync(join(project, 'src/quota-worker.ts'), "import { app } from './quota'\n\nexport default app\n")
    const edgestar = join(project, 'node_modules/.bin/edgestar')
    run(
      edgestar,
      [
        'document',
        'src/quota.ts',
        '--out',
        'public/openapi.json',
        '--yaml',
        'public/openapi.yaml',
        '--html',
        'public/docs.html',
      ],
      project,
    )
    const document = JSON.parse(readFileSync(join(project, 'public/openapi.json'), 'utf8'))
    expect(document.paths['/q'].get['x-quota-limit']).toBe(7)
    expect(readFileSync(join(project, 'public/openapi.yaml'), 'utf8')).toContain('x-quota-limit: 7')
    expect(readFileSync(join(project, 'public/docs.html'), 'utf8')).toContain('<code>/q</code>')
    // Without the description the command stops, naming the route and the stage, and writes nothing.
    expect(() => run(edgestar, ['document', 'src/quota-bare.ts', '--out', 'public/bare.json'], project)).toThrow(
      'Route GET /q: the stage "quota" has no description',
    )
    // The Worker's own bundle carries neither the description nor any code that derives a form or a page.
    run(
      bin('esbuild'),
      ['src/quota-worker.ts', '--bundle', '--minify', '--format=esm', '--platform=neutral', '--outfile=.tmp/quota.mjs'],
      project,
    )
    const worker = readFileSync(join(project, '.tmp/quota.mjs'), 'utf8')
    expect(worker).toContain('openapi-3.2.json')
    for (const text of ['x-quota-limit', 'toYaml expects an object', 'Idempotent-Replayed', 'itemSchema'])
      expect(worker).not.toContain(text)
  })

  it('type-checks', () => {
    expect(() => run(bin('tsc'), ['--noEmit', '-p', '.'], project)).not.toThrow()
  })

  it('passes its own tests in workerd', () => {
    const out = run(bin('vitest'), ['run', '--reporter=dot'], project)
    expect(out).toMatch(/Tests\s+\S*5 passed/)
  })
})
