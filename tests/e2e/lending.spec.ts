import { expect, test } from '@playwright/test'
import { handOver, openLending, refurbish, registerDevice } from './lending-steps'
import { admin, baseUrl, createStaff, expectNetworkCut, expectNoAxeViolations, signIn, uniqueName, waitForServiceWorker } from './support'

// Issue 5, as lending staff would click it: offline on a tablet, and two tablets lending one device.
const PASSWORD = 'uitleen-wachtwoord'

test('offline: intake → refurbish → handover with a drawn signature → print → return → refurbish again; no handover without refurbishment', async ({ browser }) => {
  const lender = uniqueName('uitlener')
  await createStaff(lender, PASSWORD, ['lender', 'm:arendonk'])
  const tablet = await browser.newContext()
  const page = await tablet.newPage()
  await signIn(page, lender, PASSWORD)
  await waitForServiceWorker(page)

  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await page.reload()
  await openLending(page)
  await expectNoAxeViolations(page)

  const tag = `DB-${Date.now().toString(36).toUpperCase()}`
  await registerDevice(page, tag)
  await expectNoAxeViolations(page)

  // A device with no refurbishment record cannot be handed out.
  await page.goto(`${baseUrl()}/uitlenen/uitlenen?toestel=${tag}`)
  await expect(page.getByRole('alert')).toHaveText('Dit toestel is nog niet opgeknapt. Registreer eerst het opknappen.')
  await expect(page.getByRole('button', { name: 'Uitlenen en overeenkomst opslaan' })).toHaveCount(0)

  await page.goBack()
  await refurbish(page, 'CERT-1')
  await page.getByRole('link', { name: 'Dit toestel uitlenen' }).click()
  await expect(page.getByText(/Lenovo ThinkPad T480: Klaar om uit te lenen/)).toBeVisible()
  await handOver(page, { first: 'Maria', last: 'Peeters', phone: '0470 12 34 56' })

  // The printable agreement: both names, the device, the accessories, the signature.
  const agreement = page.getByRole('article')
  await expect(agreement).toContainText('Maria Peeters')
  await expect(agreement).toContainText(lender)
  await expect(agreement).toContainText(`${tag} · Lenovo ThinkPad T480`)
  await expect(agreement).toContainText('Lader')
  await expect(page.getByRole('img', { name: 'Handtekening van Maria Peeters' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.app-header')).toBeHidden()
  await expect(page.getByRole('button', { name: 'Afdrukken' })).toBeHidden()
  await expect(agreement).toBeVisible()
  await page.screenshot({ path: 'test-results/lending-agreement-print.png', fullPage: true })
  await page.emulateMedia({ media: 'screen' })

  // On the loan: an extension, a home-support visit, and the borrower's training hours (none yet).
  await expect(page.getByText('Telefoon van de ontlener: 0470 12 34 56')).toBeVisible()
  const extendBy = page.getByRole('textbox', { name: 'Verlengen tot' })
  await extendBy.fill('2020-01-01')
  await page.getByRole('button', { name: 'Verlengen', exact: true }).click()
  await expect(page.getByText(/Kies een datum na/)).toBeVisible()
  await extendBy.fill('2099-06-30')
  await page.getByRole('textbox', { name: 'Reden van verlenging' }).fill('Opleiding loopt nog')
  await page.getByRole('button', { name: 'Verlengen', exact: true }).click()
  await expect(page.getByText(/Verlengd tot 30 juni 2099: Opleiding loopt nog/)).toBeVisible()
  await page.getByRole('button', { name: 'Bezoek registreren' }).click()
  await page.getByRole('combobox', { name: 'Waarover' }).selectOption({ label: 'Internet en wifi' })
  await page.getByRole('combobox', { name: 'Resultaat' }).selectOption({ label: 'Opgelost' })
  await page.getByRole('spinbutton', { name: 'Hoe lang (minuten)' }).fill('45')
  await page.getByRole('button', { name: 'Bezoek opslaan' }).click()
  await expect(page.getByRole('list', { name: 'Hulp aan huis' }).getByRole('listitem')).toContainText('Internet en wifi · 45 min · Opgelost')
  await expect(page.getByText('Nog geen lesuren gevolgd.')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/lending-loan-page.png', fullPage: true })

  // Return: the device goes back to "to refurbish", and needs a new record before the next loan.
  await page.getByRole('link', { name: `Toestel ${tag}` }).click()
  await page.getByRole('combobox', { name: 'Staat van het toestel', exact: true }).selectOption({ label: 'Gebruikssporen' })
  await page.getByRole('button', { name: 'Terugbrengen registreren' }).click()
  await expect(page.getByText('Op te knappen', { exact: true })).toBeVisible()
  await refurbish(page, 'CERT-2')
  const history = page.getByRole('list', { name: 'Geschiedenis' })
  await expect(history.getByRole('listitem')).toHaveCount(5)
  await expectNoAxeViolations(page)

  // Repair: sent away, back with what was done, by whom and the cost; then it needs refurbishing.
  await page.getByRole('button', { name: 'Naar herstelling sturen' }).click()
  await page.getByRole('textbox', { name: 'Wat is er hersteld of kapot' }).fill('Scharnier gebroken')
  await page.getByRole('textbox', { name: 'Wie herstelt' }).fill('Repair Café Arendonk')
  await page.getByRole('button', { name: 'Naar herstelling sturen' }).click()
  await expect(page.getByText('In herstelling', { exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Terug van herstelling' }).click()
  await page.getByRole('textbox', { name: 'Wat is er hersteld of kapot' }).fill('Scharnier vervangen')
  await page.getByRole('textbox', { name: 'Wie herstelt' }).fill('Repair Café Arendonk')
  await page.getByRole('textbox', { name: 'Kost in euro' }).fill('12,50')
  await page.getByRole('button', { name: 'Herstelling registreren' }).click()
  await expect(page.getByText('Op te knappen', { exact: true })).toBeVisible()
  await expect(history.getByRole('listitem').first()).toContainText(/Scharnier vervangen · door Repair Café Arendonk · €\s12,50/)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/lending-device-repaired.png', fullPage: true })
  await tablet.close()
})

test('two offline handovers of one device on two tablets both sync, and the coordinator sees the double booking', async ({ browser }) => {
  const [lenaName, larsName] = [uniqueName('lena'), uniqueName('lars')]
  await createStaff(lenaName, PASSWORD, ['lender', 'm:arendonk'])
  await createStaff(larsName, PASSWORD, ['lender', 'm:arendonk'])
  const [a, b] = [await browser.newContext(), await browser.newContext()]
  const [pa, pb] = [await a.newPage(), await b.newPage()]
  await signIn(pa, lenaName, PASSWORD)
  await signIn(pb, larsName, PASSWORD)
  await waitForServiceWorker(pa)
  await waitForServiceWorker(pb)

  const tag = `DB-${Date.now().toString(36).toUpperCase()}`
  await openLending(pa)
  await registerDevice(pa, tag)
  await refurbish(pa, 'CERT-9')
  await expect(pa.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 45_000 })
  await openLending(pb)
  await expect(pb.getByRole('list', { name: 'Toestellen' }).getByRole('listitem').filter({ hasText: tag })).toContainText('Klaar om uit te lenen', { timeout: 45_000 })

  await a.setOffline(true)
  await b.setOffline(true)
  for (const [page, who] of [[pa, { first: 'Els', last: 'Maes', phone: '0470 11 11 11' }], [pb, { first: 'Jan', last: 'Janssens', phone: '0470 22 22 22' }]] as const) {
    await page.goto(`${baseUrl()}/uitlenen/uitlenen?toestel=${tag}`)
    await expect(page.getByText(/Klaar om uit te lenen/)).toBeVisible()
    await handOver(page, who)
  }
  await a.setOffline(false)
  await b.setOffline(false)
  for (const page of [pa, pb])
    await expect(page.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 60_000 })

  const office = await browser.newContext()
  const coord = await office.newPage()
  await signIn(coord, admin().name, admin().password)
  await openLending(coord)
  const toCheck = coord.getByRole('list', { name: 'Na te kijken door een coördinator' })
  await expect(toCheck.getByRole('listitem').filter({ hasText: tag })).toContainText('Dubbel uitgeleend', { timeout: 60_000 })
  // A second coordinator's tablet has the inbox open: the double booking is listed there too.
  const deputy = uniqueName('coord')
  await createStaff(deputy, PASSWORD, ['coordinator'])
  const office2 = await browser.newContext()
  const inbox = await office2.newPage()
  await signIn(inbox, deputy, PASSWORD)
  await inbox.goto(`${baseUrl()}/aandacht`)
  const inboxItem = inbox.getByRole('list', { name: 'Aandacht nodig' }).getByRole('listitem').filter({ hasText: `Toestel ${tag} is twee keer uitgeleend` })
  await expect(inboxItem).toHaveCount(1, { timeout: 60_000 })

  await coord.getByRole('link', { name: new RegExp(tag) }).first().click()
  const history = coord.getByRole('list', { name: 'Geschiedenis' })
  await expect(history.getByRole('listitem').filter({ hasText: 'Uitgeleend' })).toHaveCount(2)
  // The coordinator sees both loans and keeps Jan Janssens' one; Els Maes' loan is cancelled.
  const choice = coord.getByRole('group', { name: 'Welke uitlening blijft?' })
  await expect(choice.getByRole('radio')).toHaveCount(2)
  await expect(choice.getByRole('radio', { name: new RegExp(`Els Maes .* uitgeleend door ${lenaName}`) })).toBeVisible({ timeout: 30_000 })
  await expectNoAxeViolations(coord)
  await coord.screenshot({ path: 'test-results/lending-double-booking.png', fullPage: true })
  await choice.getByRole('radio', { name: new RegExp(`Jan Janssens .* uitgeleend door ${larsName}`) }).check()
  await coord.getByRole('button', { name: 'Deze uitlening behouden' }).click()
  await expect(coord.getByRole('heading', { name: 'Dubbel uitgeleend' })).toBeHidden()
  await expect(history.getByRole('listitem').first()).toContainText('Uitlening geannuleerd')
  // Nothing was deleted: both handovers are still in the history.
  await expect(history.getByRole('listitem').filter({ hasText: 'Uitgeleend' })).toHaveCount(2)
  await expectNoAxeViolations(coord)
  await coord.screenshot({ path: 'test-results/lending-double-booking-settled.png', fullPage: true })
  // Els Maes' loan is still there, and says it was cancelled.
  await history.getByRole('listitem').first().getByRole('link', { name: 'Uitlening bekijken' }).click()
  await expect(coord.getByText('Deze uitlening is geannuleerd door een coördinator: het toestel was twee keer uitgeleend.')).toBeVisible()
  await expect(coord.getByRole('article')).toContainText('Els Maes')
  await expect(coord.getByRole('button', { name: 'Verlengen', exact: true })).toHaveCount(0)
  await expectNoAxeViolations(coord)
  await coord.screenshot({ path: 'test-results/lending-loan-cancelled.png', fullPage: true })

  // The decision syncs: gone from the other coordinator's inbox, and no longer "lent twice" on the lenders' tablets.
  await expect(inboxItem).toHaveCount(0, { timeout: 60_000 })
  for (const page of [pa, pb]) {
    await page.goto(`${baseUrl()}/uitlenen`)
    const row = page.getByRole('list', { name: 'Toestellen' }).getByRole('listitem').filter({ hasText: tag })
    await expect(row).toContainText('Uitgeleend', { timeout: 60_000 })
    await expect(row).not.toContainText('Dubbel uitgeleend', { timeout: 60_000 })
  }
  // What is left to take back is Jan Janssens' loan.
  await pa.goto(`${baseUrl()}/uitlenen/toestel/${tag}`)
  await expect(pa.getByRole('heading', { name: 'Terugbrengen' })).toBeVisible()
  await pa.getByRole('link', { name: /^Uitlening \d/ }).click()
  await expect(pa.getByRole('article')).toContainText('Jan Janssens')
  await Promise.all([a.close(), b.close(), office.close(), office2.close()])
})
