import { expect, test } from '@playwright/test'
import { createStaff, expectNoAxeViolations, signIn, uniqueName } from './support'

// The coordinator pulls nine databases live; every change must still reach the volunteer within a minute.
const SYNC = { timeout: 60_000 }

// Issue 4: a coordinator keeps the desk's rooms and questions; every tablet gets them with its sync.
// Rijkevorsel and a question made for this test only, so the other desk tests see the defaults.

test('a room and a question added by the coordinator reach a volunteer\'s tablet, and a question switched off leaves its form', async ({ browser }) => {
  test.setTimeout(300_000)
  const lies = uniqueName('lies')
  const carla = uniqueName('carla')
  await createStaff(lies, 'wachtwoord-lies', ['volunteer', 'm:rijkevorsel'])
  await createStaff(carla, 'wachtwoord-carla', ['coordinator'])
  const question = `Kinderbijslag ${Date.now().toString(36)}`

  // The volunteer's tablet is already in use: one room in Rijkevorsel, no choice to make.
  const tablet = await browser.newContext()
  const volunteer = await tablet.newPage()
  await signIn(volunteer, lies, 'wachtwoord-lies')
  await expect(volunteer.getByRole('heading', { name: 'Vandaag' })).toBeVisible()
  await expect(volunteer.getByLabel('Mijn locatie')).toHaveCount(0)

  // The coordinator, on another device, adds a room in Rijkevorsel.
  const office = await browser.newContext()
  const coordinator = await office.newPage()
  await signIn(coordinator, carla, 'wachtwoord-carla')
  await coordinator.getByRole('link', { name: 'Digipunten en vragen' }).click()
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Digipunten en vragen' })).toBeVisible()
  const newRoom = coordinator.getByRole('group', { name: 'Nieuw digipunt' })
  await newRoom.getByLabel('Gemeente').selectOption({ label: 'Rijkevorsel' })
  await newRoom.getByLabel('Naam').fill('Digipunt Sint-Jozef')
  await newRoom.getByRole('button', { name: 'Digipunt toevoegen' }).click()
  await expect(coordinator.getByRole('list', { name: 'Alle digipunten' })).toContainText('Digipunt Sint-Jozef · Rijkevorsel')

  // The volunteer's tablet gets it with its live sync, without a reload: now there is a choice.
  const myRoom = volunteer.getByLabel('Mijn locatie')
  await expect(myRoom).toBeVisible(SYNC)
  await expect(myRoom.getByRole('option')).toHaveText(['Digipunt Sint-Jozef', 'Sociaal Huis Rijkevorsel'])
  await volunteer.getByRole('button', { name: 'Nieuwe hulpvraag' }).click()
  await expect(volunteer.getByLabel('Locatie').getByRole('option', { name: 'Digipunt Sint-Jozef' })).toHaveCount(1)

  // A new question appears in the volunteer's open form.
  const newQuestion = coordinator.getByRole('group', { name: 'Nieuwe vraag' })
  await newQuestion.getByLabel('Naam in het Nederlands').fill(question)
  await newQuestion.getByRole('button', { name: 'Vraag toevoegen' }).click()
  await expect(coordinator.getByRole('list', { name: 'Alle vragen' })).toContainText(question)

  await expectNoAxeViolations(coordinator)
  await coordinator.screenshot({ path: test.info().outputPath('desk-config-coordinator.png'), fullPage: true })
  const questions = volunteer.getByRole('group', { name: 'Vraag' })
  await expect(questions.getByLabel(question, { exact: true })).toBeVisible(SYNC)

  // The coordinator switches the question off again; the open form drops it, the others stay.
  await coordinator.getByRole('button', { name: `Uitzetten: ${question}` }).click()
  await expect(coordinator.getByRole('list', { name: 'Alle vragen' }).getByRole('listitem').filter({ hasText: question })).toContainText('Uitgezet')
  await expect(questions.getByLabel(question, { exact: true })).toHaveCount(0, SYNC)
  await expect(questions.getByLabel('itsme', { exact: true })).toBeVisible()
  await expectNoAxeViolations(volunteer)

  await tablet.close()
  await office.close()
})
