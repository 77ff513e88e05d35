import { expect, test } from '@playwright/test'
import { newId } from '../../src/domain'
import { makeHelpSession } from '../factories/help-session'
import { makePerson } from '../factories/person'
import { admin, baseUrl, expectNoAxeViolations, signIn } from './support'

// A small known data set in a period no other test touches (March 2019), seeded through the
// server's API, and the funder report a coordinator makes for it, checked against hand counts.
async function put(db: string, doc: { _id: string }): Promise<void> {
  const { name, password } = admin()
  const res = await fetch(`${baseUrl()}/${db}/${encodeURIComponent(doc._id)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` },
    body: JSON.stringify(doc),
  })
  expect(res.status, await res.clone().text()).toBeLessThan(300)
}

test('the funder report of a seeded period matches the hand count, with small cells hidden', async ({ page }) => {
  const at = (day: number, i: number) => new Date(Date.UTC(2019, 2, day, 9, i)).toISOString()
  // Seven residents helped in Arendonk (one of them twice), two in Ravels, one anonymous walk-in.
  // By hand: 9 distinct residents; Arendonk 7, Ravels 2 → "<5", so Arendonk is hidden too; 11 sessions.
  const people = Array.from({ length: 9 }, (_, i) => makePerson({ id: newId('person', Date.UTC(2019, 2, 1, 8, i)), firstName: `Rapport${i}`, lastName: 'Test' }))
  for (const p of people)
    await put('dgb-residents', p)
  const sessions = [
    ...people.slice(0, 7).map((p, i) => makeHelpSession({ personId: p._id, startedAt: at(5, i), id: newId('session', Date.UTC(2019, 2, 5, 9, i)) })),
    makeHelpSession({ personId: people[0]!._id, startedAt: at(6, 0), id: newId('session', Date.UTC(2019, 2, 6, 9, 0)) }),
    ...people.slice(7).map((p, i) => makeHelpSession({ personId: p._id, location: 'loc-ravels-bib', startedAt: at(7, i), id: newId('session', Date.UTC(2019, 2, 7, 9, i)) })),
    makeHelpSession({ startedAt: at(8, 0), id: newId('session', Date.UTC(2019, 2, 8, 9, 0)) }),
  ]
  for (const s of sessions)
    await put(`dgb-m-${s.municipality}`, s)

  const { name, password } = admin()
  await signIn(page, name, password)
  await page.getByRole('link', { name: 'Rapport' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Rapport voor de subsidiegever' })).toBeVisible()
  await page.getByLabel('Van').fill('2019-03-01')
  await page.getByLabel('Tot en met').fill('2019-03-31')
  await expect.poll(async () => {
    await page.getByRole('button', { name: 'Maak het rapport' }).click()
    return page.getByTestId('report-residents').textContent()
  }, { timeout: 30_000 }).toBe('9')
  const municipalities = page.getByRole('table', { name: 'Inwoners per gemeente' })
  await expect(municipalities.getByRole('row', { name: /Arendonk/ })).toContainText('<5')
  await expect(municipalities.getByRole('row', { name: /Ravels/ })).toContainText('<5')
  await expect(municipalities.getByRole('row', { name: /Merksplas/ })).toContainText('0')
  // Sessions: Arendonk 9 (the walk-in too), Ravels 2 → "<5", so Arendonk is hidden as well; all 11 were about itsme.
  await expect(page.getByRole('table', { name: 'Hulpvragen per gemeente' }).getByRole('row', { name: /Arendonk/ })).toContainText('<5')
  await expect(page.getByRole('table', { name: 'Hulpvragen per vraag' }).getByRole('row', { name: /Itsme/i })).toContainText('11')
  await expect(page.getByText('Rapport0')).toHaveCount(0)
  await expectNoAxeViolations(page)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download als CSV' }).click()
  const file = await (await download).createReadStream()
  const chunks: Uint8Array[] = []
  for await (const chunk of file)
    chunks.push(new Uint8Array(chunk as Buffer))
  const csv = Buffer.from(new Uint8Array(chunks.reduce<number[]>((all, c) => [...all, ...c], [])))
  expect([...csv.subarray(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
  expect(csv.toString('utf8')).toContain('Verschillende inwoners bereikt;;9')

  for (const [link, heading] of [['Aandacht nodig', 'Aandacht nodig'], ['Overzicht', 'Overzicht'], ['Dashboard', 'Dashboard']] as const) {
    await page.goto(`${baseUrl()}/`)
    await page.getByRole('main').getByRole('link', { name: link, exact: true }).click()
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await page.waitForTimeout(500)
    await expectNoAxeViolations(page)
  }

  // The dashboard of the same period: exact counts, each with a bar as long as its share of the largest.
  await page.goto(`${baseUrl()}/`)
  await page.getByRole('main').getByRole('link', { name: 'Dashboard', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await page.getByLabel('Van').fill('2019-03-01')
  await page.getByLabel('Tot en met').fill('2019-03-31')
  await page.getByRole('button', { name: 'Toon' }).click()
  const perMunicipality = page.getByRole('table', { name: 'Grafiek: Inwoners per gemeente' })
  const arendonk = perMunicipality.getByRole('row', { name: /Arendonk/ })
  const ravels = perMunicipality.getByRole('row', { name: /Ravels/ })
  await expect(arendonk.getByRole('cell')).toHaveText('7')
  await expect(ravels.getByRole('cell')).toHaveText('2')
  const barWidth = async (row: typeof arendonk) => (await row.locator('.breakdown__bar').boundingBox())?.width ?? 0
  const full = await barWidth(arendonk)
  expect(full).toBeGreaterThan(50)
  expect(Math.abs(await barWidth(ravels) - full * 2 / 7)).toBeLessThan(1.5)
  expect(await barWidth(perMunicipality.getByRole('row', { name: /Merksplas/ }))).toBe(0)
  await expect(page.getByRole('table', { name: 'Grafiek: Hulpvragen per vraag' }).getByRole('row', { name: /Itsme/i }).getByRole('cell')).toHaveText('11')
  await expectNoAxeViolations(page)
})
