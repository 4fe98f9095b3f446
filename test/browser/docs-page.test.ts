import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DevServer, startDevServer } from '../node/dev-server'

type Operation = { summary: string; tags: string[] }
type Document = { tags: { name: string }[]; paths: Record<string, Record<string, Operation>> }

const BROWSER_HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'

describe('the docs page in headless Chromium', () => {
  let server: DevServer
  let context: BrowserContext
  let page: Page
  let profile: string
  const problems: string[] = []
  const offOrigin: string[] = []

  beforeAll(async () => {
    server = await startDevServer()
    profile = mkdtempSync(join(tmpdir(), 'edge-api-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    // Nothing may come from a CDN: anything off the dev server's origin is recorded and refused.
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(server.url)) return route.continue()
      offOrigin.push(route.request().url())
      return route.abort()
    })
    page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  })
  afterAll(async () => {
    await context?.close()
    if (profile) rmSync(profile, { recursive: true, force: true })
    await server?.stop()
  })

  it('answers a browser at / with the page, and an API client with the JSON document', async () => {
    const html = await fetch(`${server.url}/`, { headers: { accept: BROWSER_HTML_ACCEPT } })
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html.headers.get('vary')).toMatch(/accept/i)
    expect(await html.text()).toContain('<script src="/docs/scalar.js"></script>')
    const json = await fetch(`${server.url}/`)
    expect(json.headers.get('content-type')).toBe('application/json')
    expect(((await json.json()) as { openapi: string }).openapi).toBe('3.1.0')
  })

  it('loads from / with no console errors or off-origin requests, listing every tag and operation', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as Document
    const response = await page.goto(`${server.url}/`, { waitUntil: 'networkidle' })
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
    const sidebar = page.locator('.sidebar, nav, aside').first()
    await sidebar.getByText(document.tags[0]!.name, { exact: true }).first().waitFor()
    for (const tag of document.tags) await expect(sidebar.getByText(tag.name, { exact: true }).count()).resolves.toBe(1)
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item))
    expect(operations.length).toBeGreaterThan(0)
    for (const op of operations)
      await expect(sidebar.getByText(op.summary, { exact: true }).count()).resolves.toBeGreaterThan(0)
    mkdirSync('test-output', { recursive: true })
    await page.screenshot({ path: 'test-output/docs-page.png' })
    expect(offOrigin).toEqual([])
    expect(problems).toEqual([])
  })

  it('sends GET /greet from "Test Request" and shows the greeting', async () => {
    await page.goto(`${server.url}/docs`, { waitUntil: 'networkidle' })
    // Operations render lazily as they scroll into view.
    const section = page.locator('[id$="/GET/greet"]')
    await section.scrollIntoViewIfNeeded()
    await section.getByRole('button', { name: /Test Request/ }).click()
    const client = page.getByRole('dialog').first()
    const nameKey = client.locator('[contenteditable][aria-required="true"]', { hasText: /^name$/ })
    await nameKey
      .locator('xpath=ancestor::*[.//*[@aria-label=" Value"]][1]')
      .locator('[contenteditable]')
      .nth(1)
      .click()
    await page.keyboard.type('Ada')
    const sent = page.waitForRequest((r) => r.url() === `${server.url}/greet?name=Ada`)
    await client
      .getByRole('button', { name: /^Send get request to .*\/greet$/ })
      .first()
      .click()
    await sent
    await client.getByText('Hello, Ada!').first().waitFor()
    await page.screenshot({ path: 'test-output/docs-page-try-it.png' })
    expect(offOrigin).toEqual([])
    expect(problems).toEqual([])
  })
})
