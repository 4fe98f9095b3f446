import { readFileSync, writeFileSync } from 'node:fs'
import { createApp } from '../src/core'
import { generateDocument } from '../src/core/openapi'
import { benchApi, benchInfo, greetApi } from './contenders/ours/api'

const targets = [
  { file: 'bench/contenders/ours/openapi.json', build: () => generateDocument(createApp(benchApi()), benchInfo) },
  { file: 'bench/contenders/ours/openapi-greet.json', build: () => generateDocument(createApp(greetApi), benchInfo) },
]

/** Regenerates this project's pre-built documents, as `npm run schema` does for the app; returns the files changed. */
export function writeDocuments(): string[] {
  const changed: string[] = []
  for (const { file, build } of targets) {
    const text = `${JSON.stringify(build(), null, 2)}\n`
    let old = ''
    try {
      old = readFileSync(file, 'utf8')
    } catch {}
    if (old !== text) {
      writeFileSync(file, text)
      changed.push(file)
    }
  }
  return changed
}
