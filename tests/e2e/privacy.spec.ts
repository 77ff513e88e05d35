import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { makeHelpSession } from '../factories/help-session'
import { makePerson } from '../factories/person'
import { admin, baseUrl, expectNoAxeViolations, signIn } from './support'

// Issue 8, subject rights: a coordinator finds everything about one resident, exports it and erases it.

const auth = () => {
  const { name, password } = admin()
  return `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl()}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'Authorization': auth() },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

/** A surname no other test uses, in letters only (names allow no digits). */
function uniqueSurname(): string {
  return `Privé${Date.now().toString(26).replace(/\d/g, d => 'klmnopqrst'[Number(d)]!)}`
}

test('a coordinator exports a resident as JSON and erases them; the session stays, anonymous and without note', async ({ page }) => {
  const lastName = uniqueSurname()
  const person = makePerson({ firstName: 'Odette', lastName })
  const session = makeHelpSession({ personId: person._id, note: 'Belde over de factuur van haar zoon' })
  expect((await api('PUT', `/dgb-residents/${encodeURIComponent(person._id)}`, person)).status).toBe(201)
  expect((await api('PUT', `/dgb-m-arendonk/${encodeURIComponent(session._id)}`, session)).status).toBe(201)

  const { name, password } = admin()
  await signIn(page, name, password)
  await page.getByRole('link', { name: 'Overzicht' }).first().click()
  await page.getByLabel('Lijst').selectOption({ label: 'Inwoners' })
  const row = page.getByRole('row').filter({ hasText: lastName })
  await row.getByRole('link', { name: 'Gegevens bekijken of wissen' }).click({ timeout: 45_000 })

  await expect(page.getByRole('heading', { level: 1, name: 'Wat we over deze inwoner bewaren' })).toBeVisible()
  await expect(page.getByText(lastName)).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Hulpvragen (1)' })).toBeVisible()
  await expect(page.getByText('Notitie: Belde over de factuur van haar zoon')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.screenshot({ path: '/tmp/privacy-page.png', fullPage: true })

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als JSON' }).click()])
  expect(download.suggestedFilename()).toBe(`digibalie-${person._id.replace(':', '-')}.json`)
  const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { personId: string, person: { lastName: string }, records: Array<{ db: string, doc: { _id: string } }> }
  expect(exported.personId).toBe(person._id)
  expect(exported.person.lastName).toBe(lastName)
  expect(exported.records.map(r => [r.db, r.doc._id])).toEqual([['dgb-m-arendonk', session._id]])

  await page.getByRole('button', { name: 'Wissen', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Deze inwoner wissen?' })
  await expect(dialog).toContainText('alle notities, redenen en handtekeningen in 1 gegevens')
  await expect(dialog).toContainText('zonder naam')
  await expectNoAxeViolations(page)
  await page.screenshot({ path: '/tmp/privacy-confirm.png' })
  await dialog.getByRole('button', { name: 'Ja, definitief wissen' }).click()
  await expect(page.getByText('De inwoner is gewist.')).toBeVisible()
  await expect(page.getByText('Fiche verwijderd: 1. Anoniem gemaakt: 1.')).toBeVisible()
  await expect(page.getByText(lastName)).toHaveCount(0)

  // On the server: the resident is gone, the session stays for the counts with a new marker and no note.
  expect((await api('GET', `/dgb-residents/${encodeURIComponent(person._id)}`)).status).toBe(404)
  const kept = await (await api('GET', `/dgb-m-arendonk/${encodeURIComponent(session._id)}`)).json() as { personId: string, note?: string, categories: string[] }
  expect(kept.personId).toMatch(/^person:/)
  expect(kept.personId).not.toBe(person._id)
  expect(kept.note).toBeUndefined()
  expect(kept.categories).toEqual(session.categories)
  expect((await api('GET', `/_digibalie/subjects/${encodeURIComponent(person._id)}`)).status).toBe(404)
})

test('the privacy screen says it needs the network when offline', async ({ page, context }) => {
  const person = makePerson({ firstName: 'Odette', lastName: uniqueSurname() })
  const { name, password } = admin()
  await signIn(page, name, password)
  await context.setOffline(true)
  await page.evaluate(p => history.pushState({}, '', p), `/privacy/${person._id}`)
  await page.evaluate(() => dispatchEvent(new PopStateEvent('popstate')))
  await expect(page.getByRole('alert')).toContainText('Hiervoor is internet nodig')
  await expect(page.getByRole('button', { name: 'Wissen', exact: true })).toHaveCount(0)
})
