import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundle } from '../../bench/bundle'
import { UNUSED_BY_HELLO, UNUSED_BY_ONE_ROUTE } from '../../bench/results'

describe('a hello app pays only for what it uses', () => {
  it('bundles no trigger host, private-view check, router params helper or object schema', async () => {
    const hello = await bundle('bench/contenders/ours/hello-worker.ts', 'hello-test')
    const unused = hello.modules
      .map(([path]) => path)
      .filter((path) => UNUSED_BY_HELLO.test(path) || UNUSED_BY_ONE_ROUTE.test(path))
    expect(unused).toEqual([])
    // valibot's v.object (and the issue machinery it brings) is what merging router params used to bundle.
    expect(readFileSync(hello.file, 'utf8')).not.toContain('expects:"Object"')
  })
})
