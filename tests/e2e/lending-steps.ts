import { expect, type Page } from '@playwright/test'

// The steps lending staff take, shared by the lending specs.
export async function openLending(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Uitlenen', exact: true }).first().click()
  await expect(page.getByRole('heading', { name: 'Uitlenen', level: 1 })).toBeVisible()
}

export async function registerDevice(page: Page, tag: string): Promise<void> {
  await page.getByRole('link', { name: 'Nieuw toestel' }).click()
  await page.getByRole('textbox', { name: 'Inventarisnummer', exact: true }).fill(tag)
  await page.getByRole('textbox', { name: 'Merk', exact: true }).fill('Lenovo')
  await page.getByRole('textbox', { name: 'Model', exact: true }).fill('ThinkPad T480')
  await page.getByRole('textbox', { name: 'Serienummer', exact: true }).fill(`SN-${tag}`)
  await page.getByRole('button', { name: 'Opslaan' }).click()
  await expect(page.getByRole('heading', { name: `Toestel ${tag}` })).toBeVisible()
  await expect(page.getByText('Op te knappen', { exact: true })).toBeVisible()
}

export async function refurbish(page: Page, certificate: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Programma', exact: true }).fill('Blancco Drive Eraser')
  await page.getByRole('textbox', { name: 'Nummer van het wis-certificaat', exact: true }).fill(certificate)
  await page.getByRole('spinbutton', { name: 'Batterij (% van nieuw)', exact: true }).fill('86')
  for (const item of ['BIOS- en firmwarewachtwoorden verwijderd', 'Accounts verwijderd', 'Beheer op afstand verwijderd', 'Besturingssysteem opnieuw geïnstalleerd', 'Updates geïnstalleerd', 'Schoongemaakt'])
    await page.getByRole('checkbox', { name: item, exact: true }).check()
  await page.getByRole('button', { name: 'Opknappen registreren' }).click()
  await expect(page.getByText('Klaar om uit te lenen', { exact: true })).toBeVisible()
}

export async function sign(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: 'Handtekening van de ontlener' })
  // Mouse coordinates are in the viewport: bring the pad into view first.
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 30, box.y + box.height / 2)
  await page.mouse.down()
  for (const [dx, dy] of [[60, -30], [120, 20], [180, -25], [240, 15], [300, -10]])
    await page.mouse.move(box.x + dx!, box.y + box.height / 2 + dy!, { steps: 5 })
  await page.mouse.up()
}

export async function handOver(page: Page, borrower: { first: string, last: string, phone: string }): Promise<void> {
  await page.getByRole('button', { name: 'Nieuwe ontlener' }).click()
  await page.getByRole('textbox', { name: 'Voornaam', exact: true }).fill(borrower.first)
  await page.getByRole('textbox', { name: 'Achternaam', exact: true }).fill(borrower.last)
  await page.getByRole('textbox', { name: 'Postcode', exact: true }).fill('2370')
  await page.getByRole('checkbox', { name: 'De ontlener gaat akkoord dat we deze gegevens bijhouden.' }).check()
  await page.getByRole('button', { name: 'Ontlener toevoegen' }).click()
  await expect(page.getByText(`Gekozen: ${borrower.first} ${borrower.last}`)).toBeVisible()
  // The phone the loan needs is asked on the handover, not with the registration.
  await page.getByRole('textbox', { name: 'Telefoon', exact: true }).fill(borrower.phone)
  await page.getByRole('combobox', { name: 'Reden', exact: true }).selectOption({ label: 'Verhoogde tegemoetkoming' })
  await sign(page)
  await page.getByRole('button', { name: 'Uitlenen en overeenkomst opslaan' }).click()
  await expect(page.getByRole('heading', { name: 'Overeenkomst voor de uitlening van een toestel' })).toBeVisible()
}
