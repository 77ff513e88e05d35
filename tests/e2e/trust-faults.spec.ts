import { expect, test, type Request } from '@playwright/test'
import { makeHelpSessions } from '../factories/help-session'
import { admin, baseUrl, createStaff, expectNetworkCut, signIn, uniqueName, waitForServiceWorker } from './support'

// Issue 8, "nothing lost", in the real browser: a tab closed mid-save, and a reload mid-replication.

const adminAuth = () => `Basic ${Buffer.from(`${admin().name}:${admin().password}`).toString('base64')}`

/** Every help session on the server whose note carries `marker`. */
async function serverSessionIds(marker: string): Promise<string[]> {
  const res = await fetch(`${baseUrl()}/dgb-m-arendonk/_all_docs?include_docs=true&startkey=%22session%3A%22&endkey=%22session%3A%EF%BF%B0%22`, { headers: { Authorization: adminAuth() } })
  const body = await res.json() as { rows: Array<{ id: string, doc: { note?: string } }> }
  return body.rows.filter(r => r.doc.note?.includes(marker)).map(r => r.id).sort()
}

test('a tab closed in the middle of a save leaves the whole record or none, and never a phantom', async ({ browser }) => {
  test.setTimeout(180_000)
  const name = uniqueName('vrijwilliger')
  await createStaff(name, 'wachtwoord-fouten', ['volunteer', 'm:arendonk'])
  const marker = `afgebroken-${Date.now().toString(36)}`
  // Close the tab at different moments after "Opslaan": before, during and after the write.
  for (const delay of [0, 5, 25, 150]) {
    const context = await browser.newContext()
    let page = await context.newPage()
    await signIn(page, name, 'wachtwoord-fouten')
    await waitForServiceWorker(page)
    await context.setOffline(true)
    await expectNetworkCut(page)
    await page.getByRole('button', { name: 'Nieuwe hulpvraag' }).click()
    await page.getByRole('button', { name: 'Anoniem (korte vraag)' }).click()
    await page.getByLabel('Locatie').selectOption({ label: 'Bibliotheek Arendonk' })
    await page.getByRole('group', { name: 'Vraag' }).getByLabel('itsme', { exact: true }).check()
    await page.getByRole('group', { name: 'Resultaat' }).getByLabel('Opgelost', { exact: true }).check()
    await page.getByLabel('Duur (minuten)').fill('10')
    await page.getByLabel('Notitie').fill(`${marker} ${delay}`)
    await page.getByRole('button', { name: 'Opslaan', exact: true }).click({ noWaitAfter: true })
    await page.waitForTimeout(delay)
    await page.close({ runBeforeUnload: false })

    // The tablet opens again without network, then the network comes back.
    page = await context.newPage()
    await page.goto(`${baseUrl()}/`)
    await expect(page.getByRole('button', { name: 'Nieuwe hulpvraag' })).toBeVisible()
    await context.setOffline(false)
    // Nothing half-done stays behind: no entry waits forever for a record that is not there, and
    // no partial record is refused by the server's schema check; the record arrives whole or not at all.
    await expect(page.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 60_000 })
    expect((await serverSessionIds(`${marker} ${delay}`)).length, `delay ${delay} ms`).toBeLessThanOrEqual(1)
    await context.close()
  }
  // Closing long after the click always keeps the record.
  expect((await serverSessionIds(`${marker} 150`)).length).toBe(1)
})

test('a reload during replication resumes from the checkpoint, downloads nothing twice and loses nothing', async ({ browser }) => {
  test.setTimeout(180_000)
  const name = uniqueName('vrijwilliger')
  await createStaff(name, 'wachtwoord-herladen', ['volunteer', 'm:arendonk'])
  // Enough sessions for several pull batches of 100 (more would slow every later coordinator's first
  // sync in this shared server, which pulls them all).
  const docs = makeHelpSessions(800, { staff: name, note: 'herladen' })
  const seeded = await fetch(`${baseUrl()}/dgb-m-arendonk/_bulk_docs`, { method: 'POST', headers: { 'Authorization': adminAuth(), 'Content-Type': 'application/json' }, body: JSON.stringify({ docs }) })
  expect(seeded.status).toBe(201)

  const context = await browser.newContext()
  const page = await context.newPage()
  // The `since` of each changes request the reloaded page makes (the old page's feed may still read
  // ahead while the pull is held, so requests count only once the reload has replaced it).
  const after: string[] = []
  let reloading = false
  let replaced = false
  page.on('framenavigated', (frame) => {
    if (reloading && frame === page.mainFrame())
      replaced = true
  })
  const checkpoints: string[] = []
  let bulkGets = 0
  const watch = (req: Request) => {
    const url = new URL(req.url())
    if (url.pathname === '/dgb-m-arendonk/_changes' && replaced)
      after.push(url.searchParams.get('since') ?? '0')
    if (url.pathname === '/dgb-m-arendonk/_bulk_get')
      bulkGets += 1
    // The checkpoints replication leaves on the server (push and pull legs of this database).
    if (req.method() === 'PUT' && url.pathname.startsWith('/dgb-m-arendonk/_local/'))
      checkpoints.push(String((req.postDataJSON() as { last_seq?: unknown }).last_seq))
  }
  page.on('request', watch)
  // The pull is held at its seventh document request until the page reloads, so the reload lands
  // mid-pull on every machine: the batches before it (two requests of 50 each) are checkpointed,
  // as PouchDB writes a batch's checkpoint before it asks for the next batch's documents.
  let passed = 0
  const fetched: string[] = []
  let holding = true
  let held = false
  let reloaded!: () => void
  const afterReload = new Promise<void>(resolve => (reloaded = resolve))
  await context.route(/\/dgb-m-arendonk\/_bulk_get/, async (route) => {
    if (holding && passed >= 6) {
      held = true
      await afterReload
      await route.abort().catch(() => undefined)
      return
    }
    passed += 1
    fetched.push(...(route.request().postDataJSON() as { docs: Array<{ id: string, rev: string }> }).docs.map(d => `${d.id} ${d.rev}`))
    await route.continue()
  })
  await signIn(page, name, 'wachtwoord-herladen')
  // The installed app, as on a tablet in use: the service worker controls the page before the reload.
  await waitForServiceWorker(page)
  // Each replication is named after the server's uuid, which PouchDB asks with `GET /`: the
  // installed app must let that through to the server, or every name changes once it is installed.
  const welcome = await page.evaluate(async () => {
    const res = await fetch('/', { headers: { Accept: 'application/json' } })
    return res.text()
  })
  expect(welcome).toContain('"uuid"')
  await expect.poll(() => held, { timeout: 60_000 }).toBe(true)
  const saved = [...checkpoints]
  holding = false
  reloading = true
  await page.reload()
  reloaded()
  await expect(page.getByRole('status').filter({ hasText: 'Alles gesynchroniseerd' })).toBeVisible({ timeout: 90_000 })
  expect(after.length).toBeGreaterThan(0)
  // The first pull after the reload starts from a checkpoint written before it, not from zero.
  expect(after[0]).not.toBe('0')
  expect(saved).toContain(after[0])
  // Nothing already on the tablet is downloaded again: no revision is asked for twice, and the
  // pull takes at most two requests of 50 per batch of 100 changes (the database also holds other
  // tests' records), plus the held requests the reload cut off.
  expect(new Set(fetched).size).toBe(fetched.length)
  const info = await (await fetch(`${baseUrl()}/dgb-m-arendonk`, { headers: { Authorization: adminAuth() } })).json() as { doc_count: number, doc_del_count: number }
  expect(bulkGets).toBeLessThanOrEqual(2 * Math.ceil((info.doc_count + info.doc_del_count) / 100) + 2)
  const ids = docs.map(d => d._id)
  const local = await page.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('digibalie')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const req = db.transaction('sessions').objectStore('sessions').getAllKeys()
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    db.close()
    const have = new Set(keys.map(String))
    return wanted.filter(id => have.has(id)).length
  }, ids)
  // Every record arrived once, none lost across the reload.
  expect(local).toBe(docs.length)
  await context.close()
})
