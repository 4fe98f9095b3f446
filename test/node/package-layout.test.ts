import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = join(import.meta.dirname, '../..')
const core = 'src/core'
const kernel = 'src/core/kernel'

/** The package's entries, as scripts/build-lib.mjs publishes them. */
const entries: Record<string, string> = (() => {
  const text = readFileSync(join(repo, 'scripts/build-lib.mjs'), 'utf8')
  const table = /export const ENTRIES = \{([^}]*)\}/.exec(text)![1]!
  return Object.fromEntries([...table.matchAll(/'([^']+)': '([^']+)'/g)].map(([, sub, src]) => [sub!, src!]))
})()

const walk = (dir: string): string[] =>
  readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  )
const modules = walk(core).filter((f) => !f.endsWith('.d.ts'))

/** The modules a module imports (type-only imports and re-exports included), by repository path. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repo, file), 'utf8')
  return [...text.matchAll(/(?:from|import|declare module)\s*\(?\s*'(\.{1,2}\/[^']*)'/g)].flatMap(([, spec]) => {
    const base = join(dirname(file), spec!)
    const found = [base, `${base}.ts`, join(base, 'index.ts')].find(
      (p) => p.endsWith('.ts') && existsSync(join(repo, p)),
    )
    return found ? [found] : []
  })
}

/** Every module reachable from `start`. */
function closure(start: string): Set<string> {
  const seen = new Set<string>()
  const todo = [start]
  while (todo.length) {
    const file = todo.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    todo.push(...importsOf(file))
  }
  return seen
}

// The folders are the package: the kernel entry (`edgestar`, src/core/index.ts) re-exports src/core/kernel, and
// every other entry is a folder of its own holding its modules.
describe('the package layout, derived from its entries', () => {
  const kernelEntry = entries['.']!
  const featureFolders = Object.entries(entries)
    .filter(([sub]) => sub !== '.')
    .map(([sub, src]) => [sub, dirname(src)] as const)

  it('gives the kernel an entry at the root of src/core, and every feature entry a folder of its own', () => {
    expect(kernelEntry).toBe(`${core}/index.ts`)
    expect(modules.filter((m) => dirname(m) === core)).toEqual([kernelEntry])
    for (const [sub, folder] of featureFolders) expect(entries[sub], sub).toBe(`${folder}/index.ts`)
  })

  it('keeps the kernel free of features: nothing it imports lies in a feature folder', () => {
    const outside = [...closure(kernelEntry)].filter((m) => m !== kernelEntry && dirname(m) !== kernel)
    expect(outside).toEqual([])
  })

  it('puts every module in the kernel or in the folder of one entry, with no orphan folder or stray module', () => {
    const reached = closure(kernelEntry)
    const misplaced = modules.filter((m) => {
      if (m === kernelEntry) return false
      if (dirname(m) === kernel) return !reached.has(m) // a kernel module the kernel entry does not reach
      return !featureFolders.some(([, folder]) => m.startsWith(`${folder}/`))
    })
    expect(misplaced.map((m) => relative(repo, join(repo, m)))).toEqual([])
  })
})
