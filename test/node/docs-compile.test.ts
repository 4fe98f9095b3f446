import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = join(import.meta.dirname, '../..')
// One folder below the root, as a user's src/ is: '../schema/openapi' means the same in a block as in the docs.
const out = join(repo, '.doc-blocks')

/** The package's entries, as scripts/build-lib.mjs publishes them: what a block may import as `edgestar/...`. */
function entries(): Record<string, string> {
  const text = readFileSync(join(repo, 'scripts/build-lib.mjs'), 'utf8')
  const table = /export const ENTRIES = \{([^}]*)\}/.exec(text)![1]!
  return Object.fromEntries([...table.matchAll(/'([^']+)': '([^']+)'/g)].map(([, sub, src]) => [sub!, src!]))
}

/** Every TypeScript block of README.md and docs/, with the file and line it starts at. */
function blocks(): { file: string; line: number; code: string }[] {
  const files = ['README.md', ...walk(join(repo, 'docs')).filter((f) => f.endsWith('.md'))]
  return files.flatMap((file) => {
    const lines = readFileSync(join(repo, file), 'utf8').split('\n')
    const found: { file: string; line: number; code: string }[] = []
    for (let i = 0; i < lines.length; i++) {
      if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue
      const start = i + 1
      while (!lines[++i]!.startsWith('```'));
      found.push({ file, line: start + 1, code: lines.slice(start, i).join('\n') })
    }
    return found
  })
}
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [relative(repo, join(dir, d.name))],
  )

// Docs are code: each block is compiled as its own module against the package's public entries, after the shared
// preamble it names on its first line (`// preamble: widgets` -> docs/preambles/widgets.ts), if any.
describe('the documentation’s TypeScript', () => {
  it('type-checks every block of README.md and docs/ against the public entries', () => {
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out, { recursive: true })
    const where = new Map<string, { file: string; line: number; offset: number }>()
    blocks().forEach((block, n) => {
      const preamble = /^\/\/ preamble: ([\w-]+)/.exec(block.code)?.[1]
      const head = preamble ? readFileSync(join(repo, 'docs/preambles', `${preamble}.ts`), 'utf8') : ''
      const name = `block-${String(n).padStart(3, '0')}.ts`
      writeFileSync(join(out, name), `${head}\n${block.code}\nexport {}\n`)
      where.set(name, { file: block.file, line: block.line, offset: head.split('\n').length })
    })
    const paths = Object.fromEntries(
      Object.entries(entries()).map(([sub, src]) => [
        sub === '.' ? 'edgestar' : `edgestar/${sub.slice(2)}`,
        [relative(out, join(repo, src))],
      ]),
    )
    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(out, join(repo, 'tsconfig.json')),
        compilerOptions: { paths, noUnusedLocals: false, allowImportingTsExtensions: true },
        include: ['*.ts', relative(out, join(repo, 'worker-configuration.d.ts'))],
      }),
    )
    let output = ''
    try {
      execFileSync(join(repo, 'node_modules/.bin/tsc'), ['-p', out], { encoding: 'utf8', stdio: 'pipe' })
    } catch (e) {
      output = (e as { stdout: string }).stdout
    }
    // Each error at the line of the Markdown file it comes from.
    const errors = output
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /(block-\d+\.ts)\((\d+),(\d+)\): (.*)/.exec(line)
        if (!m) return line
        const at = where.get(m[1]!)!
        const inBlock = Number(m[2]) - at.offset - 1
        return inBlock < 0
          ? `docs/preambles (for ${at.file}:${at.line}): ${m[4]}`
          : `${at.file}:${at.line + inBlock}: ${m[4]}`
      })
    expect(errors).toEqual([])
  })
})
