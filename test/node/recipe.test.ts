import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// docs/recipes/add-a-resource.md is checked against the code: a recipe that drifts from what runs fails here.
const root = process.cwd()
const RECIPE = 'docs/recipes/add-a-resource.md'
const recipe = readFileSync(join(root, RECIPE), 'utf8')
const ELISION = /^\/\/ \.\.\.$/

/** The fenced TypeScript blocks naming a file (`// src/...`), split into runs at `// ...` lines. */
function namedBlocks(markdown: string): { file: string; runs: string[][] }[] {
  const out: { file: string; runs: string[][] }[] = []
  for (const [, body] of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    // The file is named on the first line, or on the second after the `// preamble:` docs-compile reads.
    const all = body!.split('\n')
    const skip = all[0]!.startsWith('// preamble:') ? 1 : 0
    const [first, ...lines] = all.slice(skip)
    const file = /^\/\/ ((?:src|test)\/\S+\.ts)$/.exec(first!.trim())?.[1]
    if (!file) continue
    const runs: string[][] = [[]]
    for (const line of lines.map((l) => l.trim()).filter(Boolean))
      ELISION.test(line) ? runs.push([]) : runs.at(-1)!.push(line)
    out.push({ file, runs: runs.filter((r) => r.length) })
  }
  return out
}

/** Whether `run` stands in `lines` as consecutive lines, from `from` on; the index after it, or -1. */
function find(lines: string[], run: string[], from: number): number {
  for (let i = from; i + run.length <= lines.length; i++)
    if (run.every((l, j) => lines[i + j] === l)) return i + run.length
  return -1
}

describe(`${RECIPE} is the code`, () => {
  const blocks = namedBlocks(recipe)

  it('shows a block from each file of a resource', () => {
    expect(blocks.map((b) => b.file.split('/').at(-1))).toEqual([
      'model.ts',
      'dtos.ts',
      'params.ts',
      'repo.ts',
      'handlers.ts',
      'router.ts',
    ])
  })

  for (const { file, runs } of blocks)
    it(`${file}: every run of the block stands in the file, in order`, () => {
      const lines = readFileSync(join(root, file), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
      let at = 0
      for (const run of runs) {
        const next = find(lines, run, at)
        expect(next, `not in ${file} (after line ${at}):\n${run.join('\n')}`).toBeGreaterThan(-1)
        at = next
      }
    })

  it('names only files and folders that exist', () => {
    const named = [...recipe.matchAll(/`((?:src|test|schema|docs)\/[^`\s]+?)`/g)].map((m) => m[1]!)
    expect(named.length).toBeGreaterThan(5)
    for (const path of named.filter((p) => !/[<*]/.test(p))) expect(existsSync(join(root, path)), path).toBe(true)
  })

  it('names only options resource() has', () => {
    const options = readFileSync(join(root, 'src/core/data/resource-options.ts'), 'utf8')
    for (const option of [
      'params',
      'itemParams',
      'parent',
      'owner',
      'events',
      'create',
      'specs',
      'only',
      'override',
      'article',
      'location',
      'cursorSecret',
    ])
      expect(options, option).toMatch(new RegExp(`readonly ${option}\\??:`))
  })
})
