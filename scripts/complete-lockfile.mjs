// Completes package-lock.json with the other platforms' optional binaries (biome, workerd) that the registry
// mirror these machines use cannot resolve: without their entries `npm ci` refuses the lockfile as out of
// sync. npm skips the added entries on Linux by their os/cpu fields. Run it after every `npm install`.
import { readFileSync, writeFileSync } from 'node:fs'

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'))
const packages = lock.packages
const OSES = ['android', 'darwin', 'linux', 'win32', 'freebsd']

// Node's resolution order for `name` required from the package at `parent`.
const lookups = (parent, name) => {
  const parts = parent.split('/node_modules/')
  const out = []
  for (let i = parts.length; i > 0; i--) out.push(`${parts.slice(0, i).join('/node_modules/')}/node_modules/${name}`)
  out.push(`node_modules/${name}`)
  return out
}

const added = []
for (const [key, meta] of Object.entries(packages)) {
  if (!key) continue
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const paths = lookups(key, name)
    const found = paths.find((p) => p in packages)
    if (found && packages[found].version === version) continue
    const os = name.includes('windows') ? 'win32' : OSES.find((o) => name.includes(o))
    const cpu = name.includes('arm64') ? 'arm64' : /x64|-64/.test(name) ? 'x64' : undefined
    // Only other platforms' binaries; a missing Linux glibc one is a real problem to see.
    if (!os || !cpu || (os === 'linux' && !name.includes('musl'))) continue
    const parentDir = key.includes('/node_modules/') ? key.slice(0, key.lastIndexOf('/node_modules/')) : ''
    let target = parentDir ? `${parentDir}/node_modules/${name}` : `node_modules/${name}`
    // It must resolve before any other version on the parent's path.
    if (target in packages || (found && paths.indexOf(found) < paths.indexOf(target)))
      target = `${key}/node_modules/${name}`
    packages[target] = {
      version,
      ...(meta.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(name.includes('musl') ? { libc: ['musl'] } : {}),
    }
    added.push(`${target}@${version}`)
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
)
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(
  added.length
    ? `package-lock.json: added ${added.length} entries\n${added.join('\n')}`
    : 'package-lock.json: complete',
)
