import { expect, test, type Page } from '@playwright/test'
import { createStaff, expectNoAxeViolations, signIn, uniqueName } from './support'

async function openAccounts(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Accounts' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()
}

// A coordinator who is not a server admin manages staff accounts from the accounts screen.
test('a coordinator creates a volunteer, gives a new password in a dialog, and the volunteer signs in with it', async ({ browser }) => {
  const coordinator = uniqueName('coordinator')
  const volunteer = uniqueName('vrijwilliger')
  await createStaff(coordinator, 'coordinator-wachtwoord', ['coordinator'])
  const office = await browser.newContext()
  const page = await office.newPage()
  await signIn(page, coordinator, 'coordinator-wachtwoord')
  await openAccounts(page)

  await page.getByLabel('Gebruikersnaam').fill(volunteer)
  await page.getByLabel('Wachtwoord (minstens 8 tekens)').fill('eerste-wachtwoord')
  const form = page.locator('form.account-form')
  await expect(form.getByRole('group', { name: 'Rollen' }).getByLabel('Vrijwilliger')).toBeChecked()
  await form.getByRole('group', { name: 'Gemeenten' }).getByLabel('Arendonk').check()
  await page.getByRole('button', { name: 'Account maken' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Account ${volunteer} is gemaakt.` })).toBeVisible()
  const row = page.getByRole('table', { name: 'Accounts' }).getByRole('row', { name: new RegExp(volunteer) })
  await expect(row).toContainText('Vrijwilliger')
  await expect(row).toContainText('Arendonk')

  await row.getByRole('button', { name: 'Nieuw wachtwoord' }).click()
  const dialog = page.getByRole('dialog', { name: `Nieuw wachtwoord voor ${volunteer}` })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel(/Wachtwoord/)).toBeFocused()
  await expectNoAxeViolations(page)
  await dialog.getByLabel(/Wachtwoord/).fill('tweede-wachtwoord')
  await dialog.getByRole('button', { name: 'Nieuw wachtwoord' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Het wachtwoord van ${volunteer} is gewijzigd.` })).toBeVisible()
  await expect(dialog).toHaveCount(0)
  await expectNoAxeViolations(page)

  const tablet = await browser.newContext()
  const desk = await tablet.newPage()
  await signIn(desk, volunteer, 'tweede-wachtwoord')
  await expect(desk.getByRole('link', { name: 'Accounts' })).toHaveCount(0)
  await Promise.all([office.close(), tablet.close()])
})

test('a coordinator changes a volunteer\'s roles and municipalities, sees an admin read-only, and the volunteer\'s tablet follows the new scope', async ({ browser }) => {
  const coordinator = uniqueName('coordinator')
  const volunteer = uniqueName('vrijwilliger')
  const beheerder = uniqueName('beheerder')
  await createStaff(coordinator, 'coordinator-wachtwoord', ['coordinator'])
  await createStaff(volunteer, 'vrijwilliger-wachtwoord', ['volunteer', 'm:arendonk'])
  await createStaff(beheerder, 'beheerder-wachtwoord', ['admin'])
  // The volunteer's tablet, signed in before the change: it offers the rooms of Arendonk.
  const tablet = await browser.newContext()
  const desk = await tablet.newPage()
  await signIn(desk, volunteer, 'vrijwilliger-wachtwoord')
  await desk.getByRole('link', { name: 'Nieuwe hulpvraag' }).or(desk.getByRole('button', { name: 'Nieuwe hulpvraag' })).first().click()
  const rooms = desk.getByLabel('Locatie')
  await expect(rooms.locator('option', { hasText: 'Bibliotheek Arendonk' })).toHaveCount(1)

  const office = await browser.newContext()
  const page = await office.newPage()
  await signIn(page, coordinator, 'coordinator-wachtwoord')
  await openAccounts(page)
  const accounts = page.getByRole('table', { name: 'Accounts' })

  // An admin's account: no actions, the server would refuse them.
  const adminRow = accounts.getByRole('row', { name: new RegExp(beheerder) })
  await expect(adminRow).toContainText('Beheerder: alleen een beheerder kan dit account wijzigen')
  await expect(adminRow.getByRole('button')).toHaveCount(0)
  // One's own account: a new password, but roles and disabling are for an admin.
  await expect(accounts.getByRole('row', { name: new RegExp(coordinator) }).getByRole('button')).toHaveText(['Nieuw wachtwoord'])

  const row = accounts.getByRole('row', { name: new RegExp(volunteer) })
  await row.getByRole('button', { name: 'Rollen en gemeenten' }).click()
  const dialog = page.getByRole('dialog', { name: `Rollen en gemeenten van ${volunteer}` })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('group', { name: 'Rollen' }).getByLabel('Beheerder')).toHaveCount(0)
  await dialog.getByRole('group', { name: 'Rollen' }).getByLabel('Lesgever').check()
  await dialog.getByRole('group', { name: 'Gemeenten' }).getByLabel('Arendonk').uncheck()
  await dialog.getByRole('group', { name: 'Gemeenten' }).getByLabel('Ravels').check()
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Bewaren' }).click()
  await expect(page.getByRole('status').filter({ hasText: `De rollen en gemeenten van ${volunteer} zijn gewijzigd.` })).toBeVisible()
  await expect(row).toContainText('Vrijwilliger, Lesgever')
  await expect(row).toContainText('Ravels')
  await expect(row).not.toContainText('Arendonk')
  await expectNoAxeViolations(page)

  // The volunteer's tablet follows when it next syncs (here: the app opened again), without a new
  // sign-in: it offers the rooms of Ravels, not those of Arendonk.
  await desk.reload()
  await expect(rooms.locator('option', { hasText: 'Bibliotheek Ravels' })).toHaveCount(1, { timeout: 45_000 })
  await expect(rooms.locator('option', { hasText: 'Bibliotheek Arendonk' })).toHaveCount(0)
  await Promise.all([office.close(), tablet.close()])
})

test('a coordinator enrols this tablet for a room in its settings; the overview shows it by name and room, and marks how it syncs', async ({ browser }) => {
  const coordinator = uniqueName('coordinator')
  const tabletName = uniqueName('Bib Arendonk')
  await createStaff(coordinator, 'coordinator-wachtwoord', ['coordinator'])
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, coordinator, 'coordinator-wachtwoord')
  await page.getByRole('link', { name: 'Instellingen', exact: true }).click()

  await page.getByLabel('Naam van deze tablet').fill(tabletName)
  await page.getByLabel('Locatie van deze tablet').selectOption({ label: 'Bibliotheek Arendonk (Arendonk)' })
  await page.getByRole('button', { name: 'Tablet bewaren' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Deze tablet heet nu ${tabletName} en staat in Bibliotheek Arendonk.` })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Start', exact: true }).click()
  await openAccounts(page)

  // The tablet reports itself at once when enrolled, and again once its first sync is complete
  // (a coordinator's tablet pulls every database, which takes a while): the overview shows the
  // latest report after a refresh.
  const tablets = page.getByRole('table', { name: 'Tablets' })
  const row = tablets.getByRole('row', { name: new RegExp(tabletName) })
  await expect(async () => {
    await page.reload()
    await expect(row).toContainText('vandaag', { timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  await expect(row).toContainText('Bibliotheek Arendonk')
  await expect(row).toContainText(coordinator)
  await expect(row).toContainText('alles gesynchroniseerd')
  await expect(row).not.toHaveAttribute('data-stale')
  await expectNoAxeViolations(page)

  // The room is this desk's default on the help-session form.
  await page.goto(new URL('/', page.url()).toString())
  await page.getByRole('link', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('button', { name: 'Nieuwe hulpvraag' })).first().click()
  await expect(page.getByLabel('Locatie')).toHaveValue('loc-arendonk-bib')
  await context.close()
})
