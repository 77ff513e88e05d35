/**
 * Browser benchmarks in real Chromium, each against its reference in the same run:
 * - cold start offline: navigation → help-session form usable, served by the service worker with
 *   the network off and 4× CPU slowdown, against a blank Vite + Vue page built and served the same way;
 * - save: a help session through the data layer against a raw Dexie put of the same document;
 * - read model at scale: the coordinator's list over 100,000 rows against a bare Dexie index scan.
 *
 *   node_modules/.bin/tsx bench/browser.ts [--quick] [--skip-build] [--rows=100000] [--dist=/tmp/bench] [--cold-only]
 *
 * `--dist` names where the three builds go (`<dist>-dist`, `<dist>-blank-dist`, `<dist>-entry-dist`),
 * so two people on one machine each measure their own build; `--cold-only` measures cold start alone.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { fmt, option, percentile, quickFlag, ratio, table } from './lib/report'
import { ROOT, startSyncServer, VOLUNTEER, type BenchServer } from './lib/servers'

const DIST_PREFIX = option('dist', '/tmp/bench')
const DIST = { app: `${DIST_PREFIX}-dist`, blank: `${DIST_PREFIX}-blank-dist`, entry: `${DIST_PREFIX}-entry-dist` }
const USABLE = 'form button[type="submit"]:not([disabled])'

/** The launch options of playwright.config.ts: Debian's Chromium, no background traffic. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export function buildAll(): void {
  const vite = join(ROOT, 'node_modules', '.bin', 'vite')
  // Never into dist/: other people serve that folder.
  execFileSync(vite, ['build', '--outDir', DIST.app, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' })
  execFileSync(vite, ['build', '--config', 'bench/blank-app/vite.config.ts', '--outDir', DIST.blank, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' })
  execFileSync(vite, ['build', '--config', 'bench/browser-entry/vite.config.ts', '--outDir', DIST.entry, '--emptyOutDir'], { cwd: ROOT, stdio: 'inherit' })
}

/** Polls rather than waiting for events: `controllerchange` may fire before a listener is added. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', undefined, { timeout: 60_000, polling: 200 })
}

async function networkIsCut(page: Page): Promise<boolean> {
  return page.evaluate(() => fetch(`/_up?probe=${Date.now()}`, { cache: 'no-store' }).then(() => false, () => true))
}

/** A context whose service worker is installed, then taken offline. */
async function offlineContext(browser: Browser, s: BenchServer, signIn: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'nl-BE' })
  // Marks the moment the form can be used; performance.now() counts from the navigation's start.
  await context.addInitScript(`(() => {
    const check = () => { if (!window.__usableAt && document.querySelector(${JSON.stringify(USABLE)})) window.__usableAt = performance.now() }
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true })
  })()`)
  const page = await context.newPage()
  await page.goto(`${s.url}/`)
  if (signIn) {
    await page.getByLabel('Gebruikersnaam').fill(VOLUNTEER.username)
    await page.getByLabel('Wachtwoord').fill(VOLUNTEER.password)
    await page.getByRole('button', { name: 'Aanmelden' }).click()
    await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('button', { name: 'Nieuwe hulpvraag' })).first().waitFor()
  }
  await waitForServiceWorker(page)
  await context.setOffline(true)
  if (!await networkIsCut(page))
    throw new Error('the network is still reachable after setOffline(true)')
  await page.close()
  return context
}

/** One cold navigation in a new tab, with the CPU slowed down 4×; ms until the form is usable. */
async function coldStart(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  await page.goto(url)
  const handle = await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt, undefined, { timeout: 60_000 })
  const ms = Number(await handle.jsonValue())
  await page.close()
  return ms
}

export interface Stat { p50: number, p95: number, n: number }
export function stat(xs: number[]): Stat {
  const sorted = [...xs].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length }
}

export interface BrowserResults {
  coldStart: { app: Stat, blank: Stat }
  save: { app: Stat, raw: Stat }
  query: Record<string, { rows: number, app: Stat, bare: Stat }>
  fillMs: number
  rowCount: number
}

export async function runBrowser(opts: { quick: boolean, rows: number, coldOnly?: boolean, log?: (l: string) => void }): Promise<BrowserResults> {
  const log = opts.log ?? (() => undefined)
  const [app, blank, entry] = await Promise.all([startSyncServer(DIST.app), startSyncServer(DIST.blank), startSyncServer(DIST.entry)])
  const browser = await launch()
  try {
    log('  cold start offline …')
    const [appCtx, blankCtx] = [await offlineContext(browser, app, true), await offlineContext(browser, blank, false)]
    const cold = { app: [] as number[], blank: [] as number[] }
    // Alternate the two so that both see the same moments of a busy machine.
    for (let i = 0; i < (opts.quick ? 2 : 9); i++) {
      cold.app.push(await coldStart(appCtx, `${app.url}/hulpvraag/nieuw`))
      cold.blank.push(await coldStart(blankCtx, `${blank.url}/`))
    }
    await appCtx.close()
    await blankCtx.close()
    const coldStats = { app: stat(cold.app), blank: stat(cold.blank) }
    if (opts.coldOnly)
      return { coldStart: coldStats, save: { app: stat([]), raw: stat([]) }, query: {}, fillMs: 0, rowCount: 0 }

    log('  save and read model …')
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${entry.url}/`)
    await page.waitForFunction(() => document.title === 'ready')
    const saved = await page.evaluate(n => window.digibalieBench.save(n), opts.quick ? 20 : 300)
    log(`  filling the read model with ${fmt(opts.rows)} rows …`)
    const fillMs = await page.evaluate(n => window.digibalieBench.fill(n), opts.rows)
    const queried = await page.evaluate(n => window.digibalieBench.query(n), opts.quick ? 3 : 20)
    await context.close()
    return {
      coldStart: coldStats,
      save: { app: stat(saved.ours), raw: stat(saved.reference) },
      query: Object.fromEntries(Object.entries(queried).map(([k, v]) => [k, { rows: v.rows, app: stat(v.ours), bare: stat(v.reference) }])),
      fillMs,
      rowCount: opts.rows,
    }
  }
  finally {
    await browser.close()
    await Promise.all([app.stop(), blank.stop(), entry.stop()])
  }
}

export function browserTable(r: BrowserResults): string {
  const ms = (s: Stat) => `${fmt(s.p50, 1)} / ${fmt(s.p95, 1)}`
  const rows = [['measure', 'app p50 / p95 ms', 'reference p50 / p95 ms', 'ratio p50', 'goal']]
  rows.push(['cold start offline, 4× CPU (vs blank Vue page)', ms(r.coldStart.app), ms(r.coldStart.blank), ratio(r.coldStart.app.p50, r.coldStart.blank.p50), '≤ 1.5×'])
  if (r.save.app.n > 0)
    rows.push(['save a help session (vs raw Dexie put)', ms(r.save.app), ms(r.save.raw), ratio(r.save.app.p50, r.save.raw.p50), '≤ 3×, p95 < 16 ms'])
  for (const [name, q] of Object.entries(r.query))
    rows.push([`${name} (${fmt(q.rows)} rows of ${fmt(r.rowCount)}) vs bare scan`, ms(q.app), ms(q.bare), ratio(q.app.p50, q.bare.p50), '≤ 2×'])
  return table(rows)
}

async function main(): Promise<void> {
  const quick = quickFlag()
  const rows = Number(option('rows', quick ? '5000' : '100000'))
  if (!process.argv.includes('--skip-build')) {
    console.log('\nBuilding the app, the blank page and the bench page into /tmp …')
    buildAll()
  }
  console.log('\nBrowser: Debian Chromium, headless')
  const results = await runBrowser({ quick, rows, coldOnly: process.argv.includes('--cold-only'), log: line => console.log(line) })
  console.log(`\n${browserTable(results)}`)
  console.log(`\nratio = app ÷ reference (lower is better). Filling ${fmt(rows)} rows took ${fmt(results.fillMs / 1000, 1)} s.`)
  console.log('Cold start: CPU slowdown applies to the page; the service worker answers from its precache with the network off.')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main()
