import { expect, test } from '@playwright/test'
import { baseUrl, createStaff, logSession, signIn, uniqueName, waitForServiceWorker } from './support'

// Issue 8: the built app runs under the server's Content-Security-Policy. A violation would show
// up as a `securitypolicyviolation` event or a "Refused to ..." console line, so both are caught.
test('the app loads, signs in, works and installs its service worker under the CSP', async ({ page }) => {
  const refused: string[] = []
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text()))
      refused.push(msg.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load (Content Security Policy): ${e.violatedDirective} ${e.blockedURI}`)
    })
  })

  const first = await page.request.get(`${baseUrl()}/`, { headers: { Accept: 'text/html' } })
  const csp = first.headers()['content-security-policy'] ?? ''
  expect(csp).toContain('script-src \'self\'')
  expect(csp).not.toContain('unsafe-eval')
  expect(first.headers()['x-frame-options']).toBe('SAMEORIGIN')

  const volunteer = uniqueName('csp')
  await createStaff(volunteer, 'csp-wachtwoord-1', ['volunteer', 'm:arendonk'])
  await signIn(page, volunteer, 'csp-wachtwoord-1')
  await waitForServiceWorker(page)
  await logSession(page, { location: 'Bibliotheek Arendonk', category: 'itsme', outcome: 'Opgelost', minutes: '10', note: 'Onder CSP' })
  const list = page.getByRole('list', { name: 'Hulpvragen' })
  await expect(list.getByRole('listitem').filter({ hasText: 'Onder CSP' })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 30_000 })
  // A reload served by the service worker keeps the policy working too.
  await page.reload()
  await expect(list.getByRole('listitem').filter({ hasText: 'Onder CSP' })).toBeVisible()
  expect(refused).toEqual([])
})
