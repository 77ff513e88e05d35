import { expect, test, type Page } from '@playwright/test'
import { admin, createStaff, expectNetworkCut, expectNoAxeViolations, logSession, signIn, uniqueName, waitForServiceWorker } from './support'

const synced = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 45_000 })

/** Opens the session's edit form from the today list and saves the given note and minutes. */
async function editOffline(page: Page, note: string, minutes: string): Promise<void> {
  await page.getByRole('link', { name: /Hulpvraag van .* wijzigen/ }).first().click()
  await page.getByLabel('Notitie').fill(note)
  await page.getByLabel('Duur (minuten)').fill(minutes)
  await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click()
  await expect(page.getByRole('list', { name: 'Hulpvragen' }).getByText(note)).toBeVisible()
}

// Issue 7: one volunteer on two shared tablets edits the same help session on both while the rooms
// are offline. Both sync, the server keeps both revisions, no rule settles a free-text note, so a
// coordinator chooses field by field; both tablets end up with the coordinator's result.
test('a conflict made on two offline tablets is resolved by the coordinator and both tablets converge', async ({ browser }) => {
  const volunteer = uniqueName('vrijwilliger')
  await createStaff(volunteer, 'vrijwilliger-wachtwoord', ['volunteer', 'm:arendonk'])
  const [tabletA, tabletB, office] = [await browser.newContext(), await browser.newContext(), await browser.newContext()]
  const a = await tabletA.newPage()
  const b = await tabletB.newPage()

  await signIn(a, volunteer, 'vrijwilliger-wachtwoord')
  await waitForServiceWorker(a)
  await logSession(a, { location: 'Bibliotheek Arendonk', category: 'itsme', outcome: 'Opgelost', minutes: '15', note: 'Eerste versie' })
  await synced(a)
  await signIn(b, volunteer, 'vrijwilliger-wachtwoord')
  await waitForServiceWorker(b)
  await expect(b.getByRole('list', { name: 'Hulpvragen' }).getByText('Eerste versie')).toBeVisible({ timeout: 45_000 })

  await tabletA.setOffline(true)
  await tabletB.setOffline(true)
  await expectNetworkCut(a)
  await expectNetworkCut(b)
  await editOffline(a, 'Versie van tablet A', '20')
  await editOffline(b, 'Versie van tablet B', '40')

  await tabletA.setOffline(false)
  await synced(a)
  await tabletB.setOffline(false)
  await synced(b)

  const coord = await office.newPage()
  await signIn(coord, admin().name, admin().password)
  await coord.getByRole('link', { name: 'Aandacht nodig' }).click()
  const item = coord.getByRole('list', { name: 'Aandacht nodig' }).getByRole('listitem').filter({ hasText: /Twee versies van hulpvraag/ })
  await expect(item).toHaveCount(1, { timeout: 45_000 })
  await item.getByRole('link', { name: 'Oplossen' }).click()
  await expect(coord).toHaveURL(/\/aandacht\/conflict\/dgb-m-arendonk\/session/)
  const table = coord.getByRole('region', { name: 'Twee versies samenbrengen' })
  await expect(table).toContainText('Versie van tablet A')
  await expect(table).toContainText('Versie van tablet B')
  // Fields by the form's labels, not by their stored keys.
  await expect(table.getByRole('rowheader', { name: 'Notitie' })).toBeVisible()
  await expect(table.getByRole('rowheader', { name: 'Duur (minuten)' })).toBeVisible()
  await expect(table).not.toContainText('durationMinutes')
  await expectNoAxeViolations(coord)

  // The note of tablet A, the minutes of tablet B.
  await table.locator('label', { hasText: 'Versie van tablet A' }).getByRole('radio').check()
  await table.locator('label', { hasText: /^\s*40\s*$/ }).getByRole('radio').check()
  await coord.getByRole('button', { name: 'Deze keuze bewaren' }).click()
  await expect(coord.getByRole('status').filter({ hasText: 'Opgelost' })).toBeVisible()
  await coord.goto(new URL('/aandacht', coord.url()).toString())
  await expect(coord.getByRole('list', { name: 'Aandacht nodig' }).getByRole('listitem').filter({ hasText: /Twee versies van hulpvraag/ })).toHaveCount(0, { timeout: 30_000 })

  for (const page of [a, b]) {
    const list = page.getByRole('list', { name: 'Hulpvragen' })
    const row = list.getByRole('listitem').filter({ hasText: 'Versie van tablet A' })
    await expect(row).toBeVisible({ timeout: 45_000 })
    await expect(row).toContainText('40')
    await expect(list.getByText('Versie van tablet B')).toHaveCount(0)
    await expect(row.getByText('Conflict: een coördinator kijkt dit na')).toHaveCount(0)
  }

  await Promise.all([tabletA.close(), tabletB.close(), office.close()])
})
