import { expect, test, type Page } from '@playwright/test'
import { createStaff, expectNetworkCut, expectNoAxeViolations, signIn, uniqueName, waitForServiceWorker } from './support'

/*
 * Issue 9, cold start: the help-session form kept from its last pristine drawing is on screen and
 * takes typing before the app's code has run (src/early-form/). To type before the app has
 * mounted, every time, the app's entry module in the service worker's cache is made to wait for
 * the test (a top-level await in front of it): the page is still served offline by the real
 * service worker, and the app runs unchanged once released.
 */
const FORM_KEY = 'digibalie.start-form.v1'

/** Makes the cached entry module wait for `window.releaseApp()` on the next load. */
async function holdAppOnNextLoad(page: Page): Promise<void> {
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

test('a help session typed and saved before the app has loaded is stored with all that was typed', async ({ browser }) => {
  const volunteer = uniqueName('koud')
  await createStaff(volunteer, 'koude-start-wachtwoord', ['volunteer', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  await signIn(page, volunteer, 'koude-start-wachtwoord')
  await waitForServiceWorker(page)
  await openFormOnce(page)
  await tablet.setOffline(true)
  await expectNetworkCut(page)

  await holdAppOnNextLoad(page)
  await page.reload()
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
  const volunteer = uniqueName('koud')
  await createStaff(volunteer, 'koude-start-wachtwoord', ['volunteer', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  await signIn(page, volunteer, 'koude-start-wachtwoord')
  await waitForServiceWorker(page)
  await openFormOnce(page)
  // Typed and left: a draft on the tablet, never part of the kept page.
  await page.getByLabel('Zoek bewoner').fill('Marieke Verstraeten')
  await page.getByLabel('Notitie').fill('Rijksregister 85.07.30-033.61')
  await page.getByRole('link', { name: 'Annuleren' }).click()
  await openFormOnce(page)
  await tablet.setOffline(true)
  await expectNetworkCut(page)

  await holdAppOnNextLoad(page)
  await page.reload()
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
  // The earlier draft is still offered: nothing typed before was lost either.
  await expect(page.getByRole('button', { name: 'Verder invullen' })).toBeVisible()
  await tablet.close()
})
