import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundle } from '../../bench/bundle'
import { UNUSED_BY_HELLO, UNUSED_BY_ONE_ROUTE } from '../../bench/results'

describe('a hello app pays only for what it uses', () => {
  it('bundles no trigger host, private-view check, router params helper, write answer, object schema, injector or disposer runner', async () => {
    const hello = await bundle('bench/contenders/ours/hello-worker.ts', 'hello-test')
    const unused = hello.modules
      .map(([path]) => path)
      .filter((path) => UNUSED_BY_HELLO.test(path) || UNUSED_BY_ONE_ROUTE.test(path))
    expect(unused).toEqual([])
    const text = readFileSync(hello.file, 'utf8')
    // valibot's v.object (and the issue machinery it brings) is what merging router params used to bundle.
    expect(text).not.toContain('expects:"Object"')
    // What runs disposers comes with withCleanup, which a hello app never calls.
    expect(text).not.toContain('dependency cleanup failed')
    // What resolves dependencies comes with provide(): a hello app has no provider.
    expect(text).not.toContain('first resolved after the request ended')
  })
})
