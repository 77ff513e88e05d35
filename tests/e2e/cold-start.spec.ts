import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { START_FORM_KEY as FORM_KEY } from '../../src/start-snapshot'
import { createStaff, expectNetworkCut, expectNoAxeViolations, signIn, uniqueName, waitForServiceWorker } from './support'

/*
 * Issue 9, cold start: the help-session form kept from its last pristine drawing is on screen and
 * takes typing before the app's code has run (src/early-form/). To type before the app has
 * mounted, every time, the app's entry module in the service worker's cache is made to wait for
 * the test (a top-level await in front of it): the page is still served offline by the real
 * service worker, and the app runs unchanged once released.
 */

/** Makes the cached entry module wait for `window.releaseApp()` on the next load. */
async function holdAppOnNextLoad(page: Page): Promise<void> {
  // The browser may still hold the entry in memory from an earlier load (the hidden frame that keeps
  // the form loads it too) and run that copy: with its cache off, each load asks the service worker.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await page.evaluate(async () => {
    const entry = document.querySelector('script[type="module"][src]')!.getAttribute('src')!
    const url = new URL(entry, location.href).href
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      const cached = await cache.match(url)
      if (!cached)
        continue
      const code = await cached.text()
      const held = `await new Promise(resolve => { window.releaseApp = resolve });\n${code}`
      await cache.put(url, new Response(held, { headers: cached.headers }))
      return
    }
    throw new Error(`${url} is not in the service worker's cache`)
  })
}

async function openFormOnce(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('button', { name: 'Nieuwe hulpvraag' })).first().click()
  await expect(page.getByRole('heading', { name: 'Nieuwe hulpvraag' })).toBeVisible()
  // The pristine form is kept for the next cold start.
  await expect.poll(() => page.evaluate(key => localStorage.getItem(key) !== null, FORM_KEY)).toBe(true)
}

/** A volunteer's tablet that has the service worker and has opened the form once. */
async function tabletWithForm(browser: Browser): Promise<{ tablet: BrowserContext, page: Page }> {
  const volunteer = uniqueName('koud')
  await createStaff(volunteer, 'koude-start-wachtwoord', ['volunteer', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  await signIn(page, volunteer, 'koude-start-wachtwoord')
  await waitForServiceWorker(page)
  await openFormOnce(page)
  return { tablet, page }
}

/** Offline, a reload with the app's entry held: the kept form is on screen, the app not yet. */
async function coldStartHeld(tablet: BrowserContext, page: Page): Promise<void> {
  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await holdAppOnNextLoad(page)
  await page.reload()
}

test('a help session typed and saved before the app has loaded is stored with all that was typed', async ({ browser }) => {
  const { tablet, page } = await tabletWithForm(browser)
  await coldStartHeld(tablet, page)
  // The kept form, drawn before the app's code: the app has not taken over (#app still marked).
  const form = page.locator('#app[data-early] form')
  await expect(form).toBeVisible()
  await page.screenshot({ path: 'test-results/cold-start-first-paint.png', fullPage: true })
  await page.getByLabel('Notitie').fill('Vroeg getypt')
  await page.getByRole('group', { name: 'Vraag' }).getByLabel('itsme', { exact: true }).check()
  await page.getByRole('group', { name: 'Resultaat' }).getByLabel('Opgelost', { exact: true }).check()
  await page.getByLabel('Duur (minuten)').fill('17')
  // A button needs the app: the tap is held, and carried out once the app is there.
  await page.getByRole('button', { name: 'Anoniem (korte vraag)' }).click()
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click()
  // Held, and shown as busy until the app carries it out.
  await expect(page.getByRole('button', { name: 'Opslaan', exact: true })).toHaveAttribute('aria-busy', 'true')
  await page.getByLabel('Notitie').press('End')
  await page.getByLabel('Notitie').pressSequentially(' en nog')
  expect(await page.locator('#app').getAttribute('data-early-held')).toContain('submit')
  expect(page.url()).toMatch(/\/hulpvraag\/nieuw$/)

  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  // The held save is carried out: back on the home screen, with the session as typed.
  await expect(page.getByText('De hulpvraag is opgeslagen.')).toBeVisible()
  const row = page.getByRole('list', { name: 'Hulpvragen' }).getByRole('listitem').filter({ hasText: 'Vroeg getypt en nog' })
  await expect(row).toBeVisible()
  await expect(row).toContainText('itsme')
  await expect(row).toContainText('17')
  await expect(row).toContainText('Opgelost')

  // A locked tablet never shows the kept form: locking drops it, and a reload shows the lock screen.
  await page.getByRole('button', { name: 'Vergrendelen' }).click()
  await expect(page.getByRole('heading', { name: 'Tablet vergrendeld' })).toBeVisible()
  expect(await page.evaluate(key => localStorage.getItem(key), FORM_KEY)).toBeNull()
  await page.goto(page.url().replace(/\/vergrendeld$/, '/hulpvraag/nieuw'))
  // The app is still held (its cached entry waits for the test): nothing was drawn before it.
  await page.waitForFunction(() => typeof (window as unknown as { releaseApp?: unknown }).releaseApp === 'function')
  await expect(page.locator('#app')).toBeEmpty()
  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  await expect(page.getByRole('heading', { name: 'Tablet vergrendeld' })).toBeVisible()
  await expect(page.getByLabel('Notitie')).toHaveCount(0)
  await tablet.close()
})

test('typing before the app has loaded stays in the form, with the caret, and the kept page holds no typed data', async ({ browser }) => {
  const { tablet, page } = await tabletWithForm(browser)
  // Typed and left: a draft on the tablet, never part of the kept page.
  await page.getByLabel('Zoek bewoner').fill('Marieke Verstraeten')
  await page.getByLabel('Notitie').fill('Rijksregister 85.07.30-033.61')
  await page.getByRole('link', { name: 'Annuleren' }).click()
  await openFormOnce(page)
  // While a draft is kept no kept form is shown (its offer would push it down): thrown away here.
  await page.getByRole('button', { name: 'Weggooien' }).click()
  await coldStartHeld(tablet, page)
  await expect(page.locator('#app[data-early] form')).toBeVisible()
  const kept = await page.evaluate(key => localStorage.getItem(key) ?? '', FORM_KEY)
  expect(kept).toContain('Zoek bewoner')
  for (const typed of ['Marieke', 'Verstraeten', '85.07.30', 'Rijksregister'])
    expect(kept).not.toContain(typed)
  await expect(page.getByLabel('Notitie')).toHaveValue('')
  await expectNoAxeViolations(page)

  await page.getByLabel('Duur (minuten)').fill('9')
  await page.getByLabel('Notitie').fill('abcdef')
  await page.getByLabel('Notitie').press('ArrowLeft')
  await page.getByLabel('Notitie').press('ArrowLeft')
  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  await expect(page.locator('#app[data-v-app]')).toBeAttached()
  await expect(page.locator('#app[data-early]')).toHaveCount(0)
  await expect(page.getByLabel('Duur (minuten)')).toHaveValue('9')
  await expect(page.getByLabel('Notitie')).toBeFocused()
  // The caret stayed where it was: the next key lands between "d" and "e".
  await page.keyboard.type('X')
  await expect(page.getByLabel('Notitie')).toHaveValue('abcdXef')
  await page.screenshot({ path: 'test-results/cold-start-after-mount.png', fullPage: true })
  await expectNoAxeViolations(page)

  // What was typed is a draft now: the next cold start shows no kept form (the draft's offer would
  // push it down once the app is there), and the app offers the draft as it opens.
  await expect(page.getByText('Automatisch bewaard op deze tablet')).toBeVisible()
  await page.reload()
  await page.waitForFunction(() => typeof (window as unknown as { releaseApp?: unknown }).releaseApp === 'function')
  await expect(page.locator('#app')).toBeEmpty()
  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  await page.getByRole('button', { name: 'Verder invullen' }).click()
  await expect(page.getByLabel('Notitie')).toHaveValue('abcdXef')
  await tablet.close()
})

/** Where the form is on the page (not in the window: typing low in the form scrolls it). */
async function formBox(page: Page): Promise<{ x: number, top: number, width: number }> {
  return page.locator('#app form').evaluate((form) => {
    const r = form.getBoundingClientRect()
    return { x: r.x, top: r.top + scrollY, width: r.width }
  })
}

/** Samples the top of the form and of its first field on the page at every frame, into `window.formTops`. */
async function followFormTop(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { formTops: string[] }
    w.formTops = []
    const sample = () => {
      const form = document.querySelector('#app form')
      const first = form?.querySelector('input')
      if (form && first)
        w.formTops.push(`${form.getBoundingClientRect().top + scrollY}|${first.getBoundingClientRect().top + scrollY}`)
      requestAnimationFrame(sample)
    }
    sample()
  })
}

test('the form does not move as the app takes over: the PIN offer is in the kept page, and choices made before bring their fields', async ({ browser }) => {
  const { tablet, page } = await tabletWithForm(browser)
  await coldStartHeld(tablet, page)
  await expect(page.locator('#app[data-early] form')).toBeVisible()
  // No PIN yet on this tablet: the offer the app shows is on the kept page already.
  await expect(page.locator('#app[data-early]').getByRole('link', { name: 'Pincode instellen' })).toBeVisible()
  await page.screenshot({ path: 'test-results/cold-start-pin-offer-first-paint.png', fullPage: true })
  const before = await formBox(page)
  await followFormTop(page)

  // Chosen before the app is there: the fields that depend on them only come with the app.
  await page.getByRole('group', { name: 'Resultaat' }).getByLabel('Doorverwezen', { exact: true }).check()
  await page.getByLabel('Opvolging nodig').check()
  await page.getByLabel('Notitie').fill('Rijksregister 85.07.30-033.28')
  await expect(page.getByLabel('Doorverwezen naar')).toHaveCount(0)

  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  await expect(page.locator('#app[data-v-app]')).toBeAttached()
  await expect(page.getByRole('group', { name: 'Resultaat' }).getByLabel('Doorverwezen', { exact: true })).toBeChecked()
  await expect(page.getByLabel('Doorverwezen naar')).toBeVisible()
  await expect(page.getByLabel('Opvolging nodig')).toBeChecked()
  await expect(page.getByLabel('Opvolgen op')).not.toHaveValue('')
  await expect(page.getByText('Let op: dit lijkt op een rijksregisternummer')).toBeVisible()
  await expect(page.getByText('29 van')).toBeVisible()
  // The draft is written: the data layer is there and has looked for an earlier draft (none).
  await expect(page.getByText('Automatisch bewaard op deze tablet')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Verder invullen' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Pincode instellen' })).toBeVisible()
  await page.screenshot({ path: 'test-results/cold-start-pin-offer-after-mount.png', fullPage: true })

  expect(await formBox(page)).toEqual(before)
  // Not for one frame either, from the first paint through the mount to the data layer.
  const tops = await page.evaluate(() => (window as unknown as { formTops: string[] }).formTops)
  expect(tops.length).toBeGreaterThan(1)
  expect(new Set(tops)).toEqual(new Set([tops[0]]))
  expect(tops[0]).toMatch(new RegExp(`^${before.top}\\|`))
  await tablet.close()
})

test('the start time waits for the app in a read-only box as large as its field, which the app fills with the time the form opened, keeping the focus', async ({ browser }) => {
  const { tablet, page } = await tabletWithForm(browser)
  await coldStartHeld(tablet, page)
  await expect(page.locator('#app[data-early] form')).toBeVisible()
  const begin = page.getByLabel('Begin', { exact: true })
  // No date-and-time field on the kept page: making one is the dearest part of a slow tablet's first page.
  await expect(page.locator('#app input[type="datetime-local"]')).toHaveCount(0)
  await expect(begin).toHaveAttribute('readonly', '')
  await expect(begin).toHaveValue('')
  // A tap held for the app, then the focus in the box: the take-over puts the focus back first.
  await page.getByRole('button', { name: 'Anoniem (korte vraag)' }).click()
  await begin.click()
  await page.keyboard.type('12')
  await expect(begin).toHaveValue('')
  const held = await begin.boundingBox()

  const opened = Date.now()
  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  await expect(page.locator('#app[data-v-app]')).toBeAttached()
  await expect(begin).toHaveAttribute('type', 'datetime-local')
  await expect(begin).not.toHaveAttribute('readonly')
  await expect(begin).toBeFocused()
  // Local time as the tablet keeps it, read in the tablet's own time zone.
  const shown = await begin.evaluate((el: HTMLInputElement) => new Date(el.value).getTime())
  expect(Math.abs(shown - opened)).toBeLessThan(3 * 60_000)
  // As large as the box was (the held tap has changed what stands above it, so not its place).
  const field = await begin.boundingBox()
  expect({ width: field?.width, height: field?.height }).toEqual({ width: held?.width, height: held?.height })
  // The box's caret has no place in a date-and-time field: the take-over goes on without it, to the held tap.
  await expect(page.getByText('Anonieme bezoeker')).toBeVisible()
  await expectNoAxeViolations(page)
  await tablet.close()
})

test('a tablet whose volunteer has not opened the form since signing in keeps it all the same, and its next cold start shows it at once', async ({ browser }) => {
  const volunteer = uniqueName('achtergrond')
  await createStaff(volunteer, 'koude-start-wachtwoord', ['volunteer', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  // What the hidden frame asks for: the app's own files only, never the server's data or sign-in.
  const asked: string[] = []
  page.on('request', (request) => {
    // The service worker's own requests belong to no frame.
    if (request.serviceWorker() === null && request.frame().name() === 'digibalie-keep-form')
      asked.push(new URL(request.url()).pathname)
  })
  await signIn(page, volunteer, 'koude-start-wachtwoord')
  await waitForServiceWorker(page)
  const steps = await page.evaluate(() => history.length)
  // Only on the home screen: the form is drawn out of sight and kept, and the hidden frame goes again.
  await expect.poll(() => page.evaluate(key => localStorage.getItem(key) !== null, FORM_KEY), { timeout: 30_000 }).toBe(true)
  await expect(page.locator('iframe')).toHaveCount(0)
  expect(new URL(page.url()).pathname).toBe('/')
  expect(await page.evaluate(() => history.length)).toBe(steps)
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME')
  const inBackground = await page.evaluate(key => JSON.parse(localStorage.getItem(key)!) as { html: string, path: string }, FORM_KEY)
  expect(inBackground.path).toBe('/hulpvraag/nieuw')
  expect(inBackground.html).toContain(volunteer)
  expect(asked.length).toBeGreaterThan(0)
  expect(asked.filter(path => path !== '/hulpvraag/nieuw' && !path.startsWith('/assets/'))).toEqual([])

  // The app's shortcut (a long press on its icon) opens exactly that form.
  const manifest = await page.evaluate(() => fetch('/manifest.webmanifest').then(r => r.json()) as Promise<{ shortcuts?: Array<{ url: string }> }>)
  expect(manifest.shortcuts?.map(s => s.url)).toEqual(['/hulpvraag/nieuw'])

  // Offline, the next cold start opens the form: the kept one is there before the app has run.
  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await holdAppOnNextLoad(page)
  await page.goto(new URL('/hulpvraag/nieuw', page.url()).href)
  await expect(page.locator('#app[data-early] form')).toBeVisible()
  await page.screenshot({ path: 'test-results/cold-start-kept-in-background.png', fullPage: true })
  const before = await formBox(page)
  await page.getByLabel('Notitie').fill('Getypt voor de app er was')
  await page.evaluate(() => (window as unknown as { releaseApp: () => void }).releaseApp())
  await expect(page.locator('#app[data-v-app]')).toBeAttached()
  await expect(page.getByLabel('Notitie')).toHaveValue('Getypt voor de app er was')
  // The app draws the form where the hidden frame drew it: nothing moves as it takes over.
  expect(await formBox(page)).toEqual(before)
  await expectNoAxeViolations(page)
  await tablet.close()
})

test('a trainer\'s and a coordinator\'s tablet keep the form out of sight too, from their own home screens', async ({ browser }) => {
  for (const [who, roles] of [['trainer', ['trainer', 'm:arendonk']], ['coordinator', ['coordinator']]] as const) {
    const name = uniqueName(who)
    await createStaff(name, 'koude-start-wachtwoord', [...roles])
    const tablet = await browser.newContext()
    const page = await tablet.newPage()
    await signIn(page, name, 'koude-start-wachtwoord')
    await expect.poll(() => page.evaluate(key => localStorage.getItem(key) ?? '', FORM_KEY), { timeout: 30_000 }).toContain(name)
    await expect(page.locator('iframe')).toHaveCount(0)
    expect(new URL(page.url()).pathname).toBe('/')
    await expectNoAxeViolations(page)
    await tablet.close()
  }
})
