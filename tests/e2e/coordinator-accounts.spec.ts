import { expect, test } from '@playwright/test'
import { createStaff, expectNoAxeViolations, signIn, uniqueName } from './support'

// A coordinator who is not a server admin manages staff accounts from the accounts screen.
test('a coordinator creates a volunteer, gives a new password in a dialog, and sees when tablets last synced', async ({ browser }) => {
  const coordinator = uniqueName('coordinator')
  const volunteer = uniqueName('vrijwilliger')
  await createStaff(coordinator, 'coordinator-wachtwoord', ['coordinator'])
  const office = await browser.newContext()
  const page = await office.newPage()
  await signIn(page, coordinator, 'coordinator-wachtwoord')
  await page.getByRole('link', { name: 'Accounts' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible()

  // The coordinator's own sign-in synced from this browser: it is in the tablets table.
  const tablets = page.getByRole('table', { name: 'Laatst gesynchroniseerd' })
  await expect(tablets.getByRole('row', { name: new RegExp(coordinator) })).toBeVisible()

  await page.getByLabel('Gebruikersnaam').fill(volunteer)
  await page.getByLabel('Wachtwoord (minstens 8 tekens)').fill('eerste-wachtwoord')
  await page.getByLabel('Rol').selectOption({ label: 'Vrijwilliger' })
  await page.getByRole('group', { name: 'Gemeenten' }).getByLabel('Arendonk').check()
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
