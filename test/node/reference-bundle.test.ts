import { describe, expect, it } from 'vitest'
import { bundle } from '../../bench/bundle'

// The reference Worker serves its documents from the static assets the build wrote: the code that derives one form
// from another, writes the built-in page or describes a stage in the document belongs to the build, not the bundle.
describe('the reference Worker bundles nothing that only describes the API', () => {
  it('leaves out the docs page writer and the 3.2 and YAML derivations', async () => {
    const worker = await bundle('src/app/index.ts', 'reference-test')
    const modules = worker.modules.map(([path]) => path)
    expect(modules).toContain('src/core/kernel/asset-document-routes.ts')
    for (const module of ['docs-html', 'to-openapi-32', 'to-yaml', 'document-routes'])
      expect(modules).not.toContain(`src/core/kernel/${module}.ts`)
  })

  it("leaves out the descriptions of its plugins' stages, which only the document's build applies", async () => {
    const worker = await bundle('src/app/index.ts', 'reference-test')
    const modules = worker.modules.map(([path]) => path)
    // The plugins themselves are in: the reference API limits, caches and deduplicates requests.
    for (const plugin of ['idempotency/idempotency', 'rate-limit/rate-limit', 'cache/response-cache'])
      expect(modules).toContain(`src/core/${plugin}.ts`)
    for (const description of [
      'idempotency/idempotency-document',
      'rate-limit/rate-limit-document',
      'cache/cache-document',
      'openapi/describe-stages',
    ])
      expect(modules).not.toContain(`src/core/${description}.ts`)
    expect(modules.filter((m) => m.startsWith('src/core/openapi/'))).toEqual([])
  })
})
