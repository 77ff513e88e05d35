import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { buildVersionOf } from '../../build/early-script'
import { ENTRY_META } from '../../src/early-form/controls'
import { NEXT_FORM_KEY, START_FORM_KEY } from '../../src/start-snapshot'
import { startE2eServer, type E2eServer } from './global-setup'
import { USABLE_FORM } from './usable-form'
import { admin, createStaff, expectNetworkCut, expectNoAxeViolations, logSession, signIn, uniqueName, waitForServiceWorker } from './support'

/*
 * A new version deployed while the app is open: the new service worker waits for "Vernieuwen". The
 * app is closed instead, and the first start of the new version must still show a kept form at
 * once. So as soon as the new version waits, the open (old) page lets the new build draw its
 * form in the hidden frame and keep it in a slot of its own (NEXT_FORM_KEY), which the new build's
 * early script shows at the next cold start.
 * All real: a second build of the app, deployed onto the folder a server of this spec's own serves
 * (the shared server and dist/ stay as other specs expect them), a real service-worker update in
 * real Chromium, and a cold start with the network off.
 */

interface KeptForm { version: string, path: string }

/** Where this spec's files go (the deployed folder, and build B), made as the tests start. */
let work: string
let deployed: string
let buildB: string
let server: E2eServer
let entryA: string
let entryB: string

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'digibalie-e2e-update-'))
  deployed = join(work, 'deployed')
  buildB = join(work, 'b')
  entryA = buildVersionOf('dist')
  // Build B: the same sources unminified, so every file (the entry, sw.js and its precache list)
  // differs from dist/'s build A. A few seconds; its warnings only show when it fails.
  execFileSync(join('node_modules', '.bin', 'vite'), ['build', '--outDir', buildB, '--emptyOutDir', '--logLevel', 'warn', '--minify', 'false'], { stdio: 'pipe' })
  entryB = buildVersionOf(buildB)
  expect(entryB, 'build B must be another version than build A').not.toBe(entryA)
  cpSync('dist', deployed, { recursive: true })
  // A server of its own, with the shared server's admin (so `createStaff` works against it).
  const { name, password } = admin()
  server = await startE2eServer(deployed, { user: name, password })
})

test.afterAll(async () => {
  await server?.stop()
  if (work)
    rmSync(work, { recursive: true, force: true })
})

const readKept = (page: Page, key: string) => page.evaluate(k => localStorage.getItem(k), key)
  .then(text => text === null ? null : JSON.parse(text) as KeptForm)

/**
 * Notes, on every page opened from now on, whether `#app` still held the kept form (data-early)
 * at the moment a form first became usable (`USABLE_FORM`, what bench/browser.ts times as a cold
 * start).
 */
async function noteFirstUsableForm(context: BrowserContext): Promise<void> {
  await context.addInitScript(`(() => {
    if (window.top !== window) return
    const observer = new MutationObserver(() => {
      if (!(${USABLE_FORM})) return
      observer.disconnect()
      window.formFirstUsableEarly = document.getElementById('app')?.hasAttribute('data-early') ?? false
    })
    observer.observe(document, { subtree: true, childList: true, attributes: true })
  })()`)
}

/**
 * A new page at `url` run by build B. With all pages closed the waiting worker takes over, but not
 * necessarily by the time the next page asks it: a page the old worker still serves is closed (so
 * it does not hold the old worker either) and the next one tried a moment later.
 */
async function openWithBuildB(context: BrowserContext, url: string): Promise<Page> {
  const ran: string[] = []
  for (let attempt = 1; attempt <= 10; attempt++) {
    const page = await context.newPage()
    await page.goto(url)
    const entry = await page.locator(`meta[name="${ENTRY_META}"]`).getAttribute('content')
    if (entry === entryB)
      return page
    ran.push(entry ?? 'none')
    await page.close()
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  throw new Error(`build B (${entryB}) never took over after all pages were closed: the pages opened ran ${ran.join(', ')}`)
}

/**
 * A new coordinator's tablet signed in on build A, which has kept its form from the home screen, out
 * of sight. `seen` collects what the page and its frames did, for the report when the new
 * version's form is not kept.
 *
 * A coordinator's tablet keeps the form from its home screen like a volunteer's
 * (cold-start.spec.ts). Not a volunteer's here: its live pulls each hold a long poll open, and
 * while they do, Chromium leaves the update check for sw.js unsent until they end (the server
 * answers a long poll after 60 s at the latest): a minute of waiting in every run, whoever triggers
 * the check. A coordinator's databases are polled instead.
 */
async function signedInOnBuildA(browser: Browser, prefix: string): Promise<{ tablet: BrowserContext, page: Page, seen: string[] }> {
  // The server serves build A (again, after an earlier test deployed B; B's files stay, as on a
  // server that keeps old assets): this tablet has never seen B.
  cpSync('dist', deployed, { recursive: true, force: true })
  const coordinator = uniqueName(prefix)
  await createStaff(coordinator, 'update-wachtwoord', ['coordinator'], server.url)
  const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, locale: 'nl-BE' })
  const page = await tablet.newPage()
  const seen: string[] = []
  page.on('console', (message) => {
    // PouchDB's look for a checkpoint that does not exist yet is a 404 on every first sync.
    if (message.type() !== 'info' && !message.text().includes('status of 404'))
      seen.push(`console ${message.type()}: ${message.text()}`)
  })
  page.on('pageerror', error => seen.push(`page error: ${error.message}`))
  page.on('framenavigated', frame => seen.push(`frame ${frame.name() || '(main)'} at ${frame.url()}`))
  page.on('requestfailed', request => seen.push(`request failed: ${request.url()} (${request.failure()?.errorText})`))
  await signIn(page, coordinator, 'update-wachtwoord', server.url)
  await waitForServiceWorker(page)
  await expect.poll(() => readKept(page, START_FORM_KEY), { timeout: 30_000 }).toMatchObject({ version: entryA, path: '/hulpvraag/nieuw' })
  return { tablet, page, seen }
}

/**
 * Build B deployed over A (A's files stay, as on a server that keeps old assets), and the open
 * page looks for an update, as it does by itself now and then: B's worker installs and waits.
 */
async function deployBuildB(page: Page): Promise<void> {
  cpSync(buildB, deployed, { recursive: true, force: true })
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then(registration => registration?.update()))
  await expect(page.getByText('Nieuwe versie beschikbaar')).toBeVisible({ timeout: 30_000 })
}

/** Build B's form, drawn out of sight while B waits, is kept in the second slot. */
async function expectNextFormKept(page: Page, seen: string[]): Promise<void> {
  await expect.poll(() => readKept(page, NEXT_FORM_KEY), { timeout: 30_000 })
    .toMatchObject({ version: entryB, path: '/hulpvraag/nieuw' })
    .catch((error: Error) => {
      throw new Error(`${error.message}\n\nWhat the old page saw:\n${seen.join('\n')}`)
    })
}

test('a new version that waits keeps its own form, and the first start of that version shows it at once, offline', async ({ browser }) => {
  const { tablet, page, seen } = await signedInOnBuildA(browser, 'update')
  // Nothing waits yet, so nothing is kept for a next version.
  expect(await readKept(page, NEXT_FORM_KEY)).toBeNull()

  await deployBuildB(page)
  await expectNextFormKept(page, seen)
  // The old build keeps its own form, for a reload before the update.
  expect(await readKept(page, START_FORM_KEY)).toMatchObject({ version: entryA })
  await expectFirstStartOfBShowsKeptForm(tablet)
})

test('a new version found just before the network drops keeps its form all the same, from what its worker cached', async ({ browser }) => {
  const { tablet, page, seen } = await signedInOnBuildA(browser, 'update-offline')

  // The coordinator is on the form when B is found: nothing is drawn out of sight there.
  await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('button', { name: 'Nieuwe hulpvraag' })).first().click()
  await expect(page).toHaveURL(/\/hulpvraag\/nieuw$/)
  await deployBuildB(page)
  expect(await readKept(page, NEXT_FORM_KEY)).toBeNull()

  // Then the network drops, and only then does the coordinator leave the form.
  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await page.getByRole('link', { name: 'Annuleren' }).click()
  await expect(page).not.toHaveURL(/\/hulpvraag\/nieuw$/)
  // B's worker cached B's shell and files before it began to wait: the frame draws B's form from those.
  await expectNextFormKept(page, seen)
  expect(await readKept(page, START_FORM_KEY)).toMatchObject({ version: entryA })
  await expectFirstStartOfBShowsKeptForm(tablet)
})

test('"Vernieuwen" brings the new version in at once, with the day\'s work, and its next start shows the form it kept', async ({ browser }) => {
  const { tablet, page, seen } = await signedInOnBuildA(browser, 'update-renew')
  // Work of the day on build A, saved on this tablet.
  await logSession(page, { location: 'Bibliotheek Arendonk', category: 'itsme', outcome: 'Opgelost', minutes: '12', note: 'voor de update' })
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('list', { name: 'Hulpvragen' }).getByText('voor de update')).toBeVisible()

  await deployBuildB(page)
  await expectNextFormKept(page, seen)
  // The volunteer chooses the new version: the same page reloads into it.
  await page.getByRole('button', { name: 'Vernieuwen' }).click()
  await expect(page.locator(`meta[name="${ENTRY_META}"]`)).toHaveAttribute('content', entryB, { timeout: 30_000 })
  await expect(page.getByText('Nieuwe versie beschikbaar')).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('button', { name: 'Nieuwe hulpvraag' })).first()).toBeVisible()
  await expectNoAxeViolations(page)
  // Nothing of the day's work was lost in the update.
  await expect(page.getByRole('list', { name: 'Hulpvragen' }).getByText('voor de update')).toBeVisible()
  await expectFirstStartOfBShowsKeptForm(tablet)
})

/**
 * The app is closed instead of renewed ("Vernieuwen"): the new worker can take over. The next
 * start is offline, so only what the tablet kept can show anything before the app has run: the
 * first usable form must be B's kept one, and what is typed into it at once must survive.
 */
async function expectFirstStartOfBShowsKeptForm(tablet: BrowserContext): Promise<void> {
  await noteFirstUsableForm(tablet)
  for (const open of tablet.pages())
    await open.close()
  await tablet.setOffline(true)
  const started = await openWithBuildB(tablet, `${server.url}/hulpvraag/nieuw`)
  // The kept form was there first, before the app's code had run.
  await started.waitForFunction(() => (window as unknown as { formFirstUsableEarly?: boolean }).formFirstUsableEarly !== undefined)
  expect(await started.evaluate(() => (window as unknown as { formFirstUsableEarly: boolean }).formFirstUsableEarly), 'the first usable form is the kept one (#app[data-early])').toBe(true)
  // Typed at once, and still there once the app has taken over.
  const firstField = () => started.locator('form').first().locator('input, select, textarea').first()
  await firstField().pressSequentially('ab')
  await expect(started.locator('#app[data-v-app]')).toBeAttached()
  await expect(started.locator('#app[data-early]')).toHaveCount(0)
  await expect(firstField()).toHaveValue('ab')
  expect(new URL(started.url()).pathname).toBe('/hulpvraag/nieuw')
  await expectNoAxeViolations(started)
  // Offline all along: none of it came from the network.
  await expectNetworkCut(started)
  await tablet.close()
}
