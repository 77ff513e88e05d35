import { expect, test, type Page } from '@playwright/test'
import { admin, baseUrl, createStaff, expectNetworkCut, expectNoAxeViolations, logSession, signIn, uniqueName, waitForServiceWorker } from './support'

// Issue 8, shared tablets: PIN unlock offline, idle lock, the unsynced sign-out guard and a record
// the server refuses, in Chromium against the real sync-server.
const PASSWORD = 'balie-wachtwoord'
const ROOM = { location: 'Bibliotheek Arendonk', category: 'itsme', outcome: 'Opgelost', minutes: '10' }

async function setPin(page: Page, pin: string): Promise<void> {
  await page.getByRole('link', { name: 'Pincode instellen' }).click()
  await page.getByLabel('Nieuwe pincode').fill(pin)
  await page.getByLabel('Pincode nog eens').fill(pin)
  await page.getByRole('button', { name: 'Pincode bewaren' }).click()
  await expect(page.getByText('Je pincode is ingesteld.')).toBeVisible()
}

/** Changes an account's roles as a server admin does (the server reads roles on every request). */
async function setRoles(name: string, roles: string[]): Promise<void> {
  const { name: user, password } = admin()
  const url = `${baseUrl()}/_users/org.couchdb.user:${encodeURIComponent(name)}`
  const headers = { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
  const doc = await (await fetch(url, { headers })).json() as Record<string, unknown>
  const res = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ ...doc, roles, password: PASSWORD }) })
  expect(res.status, await res.clone().text()).toBeLessThan(300)
}

test('two volunteers share a tablet: PIN unlock offline, records stamped and kept for their author, idle lock', async ({ browser }) => {
  const ann = uniqueName('ann')
  const bert = uniqueName('bert')
  await createStaff(ann, PASSWORD, ['volunteer', 'm:arendonk'])
  await createStaff(bert, PASSWORD, ['volunteer', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  // The page's clock runs normally, but the test can jump it forward to the idle deadline.
  await page.clock.install()

  // Bert signs in online once and sets his PIN; the offer does not block the home screen.
  await signIn(page, bert, PASSWORD)
  await setPin(page, '7391')
  // Ann signs in online after him: her cookie is the one replication uses.
  await page.getByRole('button', { name: 'Vergrendelen' }).click()
  await expect(page.getByRole('heading', { name: 'Tablet vergrendeld' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Aanmelden met wachtwoord' }).click()
  await page.getByLabel('Gebruikersnaam').fill(ann)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Aanmelden' }).click()
  await expect(page.getByRole('heading', { name: `Hallo ${ann}` })).toBeVisible()
  await setPin(page, '2580')
  await waitForServiceWorker(page)

  // The network goes; after a reload the tablet is still Ann's, and Bert unlocks with his PIN.
  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await page.reload()
  await expect(page.getByRole('heading', { name: `Hallo ${ann}` })).toBeVisible()
  await page.getByRole('button', { name: 'Vergrendelen' }).click()
  await expect(page.getByRole('list', { name: 'Wie ben jij? Tik op je naam.' }).getByRole('button')).toHaveText([ann, bert])
  await page.getByRole('button', { name: bert, exact: true }).click()
  await page.getByLabel(`Pincode van ${bert}`).fill('1111')
  await page.getByRole('button', { name: 'Ontgrendelen' }).click()
  await expect(page.getByRole('alert')).toHaveText('Deze pincode klopt niet. Je kan het nog 4 keer proberen.')
  await page.getByLabel(`Pincode van ${bert}`).fill('7391')
  await page.getByRole('button', { name: 'Ontgrendelen' }).click()
  await expect(page.getByRole('heading', { name: `Hallo ${bert}` })).toBeVisible()
  await logSession(page, { ...ROOM, note: 'Bert offline' })
  await expect(page.getByText('Aangemeld als ' + bert)).toBeVisible()

  // Back online: Ann's cookie cannot send Bert's record; it waits for him, it is not refused.
  await tablet.setOffline(false)
  await expect(page.getByText(`1 registratie wacht tot ${bert} online aanmeldt`)).toBeVisible({ timeout: 45_000 })
  await expect(page.getByRole('button', { name: 'Bekijk wat geweigerd is' })).toHaveCount(0)
  await expectNoAxeViolations(page)

  // Five quiet minutes: the tablet locks itself and shows no records, and stays locked on reload.
  await page.clock.fastForward('05:01')
  await expect(page.getByRole('heading', { name: 'Tablet vergrendeld' })).toBeVisible()
  await expect(page.getByText('Bert offline')).toHaveCount(0)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Tablet vergrendeld' })).toBeVisible()
  await expect(page.getByText('Aangemeld als')).toHaveCount(0)

  // Bert signs in online with his password: his record goes up.
  await page.getByRole('link', { name: 'Aanmelden met wachtwoord' }).click()
  await page.getByLabel('Gebruikersnaam').fill(bert)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Aanmelden' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 45_000 })
  await expect(page.getByText(/wacht tot .* online aanmeldt/)).toHaveCount(0)
  await tablet.close()
})

test('sign-out waits for unsynced records, and a record the server refuses is shown with its reason', async ({ browser }) => {
  const vera = uniqueName('vera')
  await createStaff(vera, PASSWORD, ['volunteer', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  await signIn(page, vera, PASSWORD)
  await page.getByRole('button', { name: 'Later' }).click()
  await expect(page.getByRole('link', { name: 'Pincode instellen' })).toHaveCount(0)
  await waitForServiceWorker(page)

  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await logSession(page, { ...ROOM, note: 'Nog niet verstuurd' })
  await page.getByRole('button', { name: 'Afmelden' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('1 registratie van jou staat nog niet op de server.')
  await expect(dialog.getByRole('button')).toHaveText(['Nu synchroniseren', 'Annuleren'])
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Annuleren' }).click()

  // An admin changes her account (another role, the password set again): her cookie expires, so
  // the server answers 401 and the guard asks her to sign in again before anything can go up.
  await setRoles(vera, ['trainer', 'm:arendonk'])
  await tablet.setOffline(false)
  await expect(page.getByRole('status').filter({ hasText: 'Opnieuw aanmelden nodig' })).toBeVisible({ timeout: 45_000 })
  await page.getByRole('button', { name: 'Afmelden' }).click()
  await dialog.getByRole('link', { name: 'Aanmelden met wachtwoord om te versturen' }).click()
  await expect(page.getByLabel('Gebruikersnaam')).toHaveValue(vera)
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Aanmelden' }).click()
  // Signed in again, but a trainer may not write help sessions: the record is refused, and kept.
  await page.getByRole('button', { name: 'Bekijk wat geweigerd is' }).click({ timeout: 45_000 })
  const refused = page.getByRole('dialog').getByRole('list', { name: 'Geweigerd door de server' })
  await expect(refused.getByRole('listitem')).toHaveCount(1)
  await expect(refused).toContainText('Je rol mag dit soort registratie niet maken.')
  await expectNoAxeViolations(page)
  await page.getByRole('dialog').getByRole('button', { name: 'Sluiten' }).click()

  // A refused record is still unsynced: sign-out stays refused for her.
  await page.getByRole('button', { name: 'Afmelden' }).click()
  await expect(dialog).toContainText('1 registratie van jou staat nog niet op de server.')
  await tablet.close()
})

// The coordinators' idle period for all tablets is tested in trust-settings.spec.ts.
test('a coordinator sees the storage of the tablet and the idle period set for all tablets', async ({ browser }) => {
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  await signIn(page, admin().name, admin().password)
  await page.getByRole('link', { name: 'Instellingen', exact: true }).click()
  await expect(page.getByText(/gebruikt van/)).toBeVisible()
  await expect(page.getByText(/minuten\. Geldt voor alle tablets\./)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Instellingen voor alle tablets' })).toBeVisible()
  await expectNoAxeViolations(page)
  await tablet.close()
})
