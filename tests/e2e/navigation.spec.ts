import { expect, test, type Page } from '@playwright/test'
import { createStaff, signIn, uniqueName } from './support'

/*
 * A new page opens at its top, with the header (sync status, lock, sign-out) in view, while the
 * focus moves to the page's content for a screen reader. A coordinator's home is taller than a
 * tablet's screen: focusing the content used to scroll the header away on every page change.
 */
async function expectAtTopWithFocusOnContent(page: Page): Promise<void> {
  await expect(page.locator('#main')).toBeFocused()
  expect(await page.evaluate(() => scrollY)).toBe(0)
  await expect(page.getByRole('button', { name: 'Afmelden' })).toBeInViewport()
}

test('each page a coordinator opens starts at its top, header in view, focus on the content', async ({ page }) => {
  const carla = uniqueName('carla')
  await createStaff(carla, 'wachtwoord-carla', ['coordinator'])
  await page.setViewportSize({ width: 768, height: 700 })

  await signIn(page, carla, 'wachtwoord-carla')
  await expect(page.getByRole('heading', { name: /^Hallo/ })).toBeVisible()
  await expectAtTopWithFocusOnContent(page)

  // From further down the home screen to another page: that page opens at its top.
  await page.getByRole('button', { name: 'Dashboard' }).or(page.getByRole('link', { name: 'Dashboard' })).first().scrollIntoViewIfNeeded()
  await page.getByRole('button', { name: 'Dashboard' }).or(page.getByRole('link', { name: 'Dashboard' })).first().click()
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
  await expectAtTopWithFocusOnContent(page)
})
