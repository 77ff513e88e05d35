import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL
  if (!url)
    throw new Error('E2E_BASE_URL is not set: run through playwright.config.ts')
  return url
}

export const admin = () => ({ name: process.env.E2E_ADMIN_USER!, password: process.env.E2E_ADMIN_PASSWORD! })

let counter = 0
/** A unique staff name per test, so tests sharing one server never see each other's accounts. */
export function uniqueName(prefix: string): string {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${counter}`
}

/**
 * Creates a staff account the way a server admin does on CouchDB: PUT on the _users database. On the
 * shared server unless `url` names another one (started with the same admin, see `admin()`).
 */
export async function createStaff(name: string, password: string, roles: string[], url = baseUrl()): Promise<void> {
  const { name: user, password: pass } = admin()
  const res = await fetch(`${url}/_users/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'Authorization': `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, roles, type: 'user' }),
  })
  expect(res.status, await res.clone().text()).toBeLessThan(300)
}

export async function signIn(page: Page, name: string, password: string, url = baseUrl()): Promise<void> {
  await page.goto(`${url}/`)
  await page.getByLabel('Gebruikersnaam').fill(name)
  await page.getByLabel('Wachtwoord').fill(password)
  await page.getByRole('button', { name: 'Aanmelden' }).click()
  await expect(page.getByRole('button', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('link', { name: 'Nieuwe hulpvraag' })).first()).toBeVisible()
}

/**
 * Waits until the service worker controls the page. `ready` can resolve while the worker is still
 * activating, so wait for `activated` and for a controller.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready
    const worker = reg.active
    if (worker && worker.state !== 'activated')
      await new Promise<void>(resolve => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()))
    if (!navigator.serviceWorker.controller)
      await new Promise<void>(resolve => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }))
  })
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true)
}

/** Proves the network is really gone: a URL the service worker does not precache must fail. */
export async function expectNetworkCut(page: Page): Promise<void> {
  const outcome = await page.evaluate(async () => {
    try {
      const res = await fetch(`/_up?probe=${Date.now()}`, { cache: 'no-store' })
      return `status ${res.status}`
    }
    catch {
      return 'failed'
    }
  })
  expect(outcome).toBe('failed')
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(results.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)).toEqual([])
}

export interface SessionFields {
  location: string
  category: string
  outcome: string
  minutes: string
  note?: string
  /** Typed into the resident search; the first match is picked. Without it, an anonymous walk-in. */
  resident?: string
}

/** Logs a help session through the desk's form, as a volunteer fills it in from the home screen. */
export async function logSession(page: Page, fields: SessionFields): Promise<void> {
  await page.getByRole('button', { name: 'Nieuwe hulpvraag' }).or(page.getByRole('link', { name: 'Nieuwe hulpvraag' })).first().click()
  if (fields.resident) {
    await page.getByLabel('Zoek bewoner').fill(fields.resident)
    await page.getByRole('list', { name: 'Gevonden bewoners' }).getByRole('button').first().click()
  }
  else {
    await page.getByRole('button', { name: 'Anoniem (korte vraag)' }).click()
  }
  await page.getByLabel('Locatie').selectOption({ label: fields.location })
  await page.getByRole('group', { name: 'Vraag' }).getByLabel(fields.category, { exact: true }).check()
  await page.getByRole('group', { name: 'Resultaat' }).getByLabel(fields.outcome, { exact: true }).check()
  await page.getByLabel('Duur (minuten)').fill(fields.minutes)
  if (fields.note)
    await page.getByLabel('Notitie').fill(fields.note)
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click()
}
