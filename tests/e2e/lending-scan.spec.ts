import { expect, test as base, type LaunchOptions } from '@playwright/test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { openLending, refurbish, registerDevice } from './lending-steps'
import { baseUrl, createStaff, expectNetworkCut, expectNoAxeViolations, signIn, uniqueName, waitForServiceWorker } from './support'

// Issue 5: scanning a label where the browser has no BarcodeDetector. Chromium's fake camera plays
// a video file of a printed label, made here with the same QR library and settings as the label sheet.
const TAG = `QR-${Date.now().toString(36).toUpperCase()}`

/** A Y4M video (what Chromium's fake camera plays) of one label: black QR modules on white paper. */
function labelVideo(text: string): string {
  const [width, height, scale] = [640, 480, 8]
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const [left, top] = [(width - modules.size * scale) >> 1, (height - modules.size * scale) >> 1]
  // One 4:2:0 frame: the luma plane, then both chroma planes at half size (neutral grey: no colour).
  const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)
  const marker = new TextEncoder().encode('FRAME\n')
  const frameSize = marker.length + width * height * 3 / 2
  const video = new Uint8Array(header.length + 2 * frameSize)
  video.set(header)
  for (const start of [header.length, header.length + frameSize]) {
    video.set(marker, start)
    const luma = start + marker.length
    video.fill(235, luma, luma + width * height)
    video.fill(128, luma + width * height, start + frameSize)
    for (let y = 0; y < modules.size * scale; y++) {
      for (let x = 0; x < modules.size * scale; x++) {
        if (modules.get(Math.floor(y / scale), Math.floor(x / scale)))
          video[luma + (top + y) * width + left + x] = 16
      }
    }
  }
  const dir = join('test-results', 'lending-scan')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${text}.y4m`)
  writeFileSync(file, video)
  return file
}

// The project's Chromium with a fake camera that plays the label video (the browser is per worker,
// so this spec gets its own).
const test = base.extend<object, { launchOptions: LaunchOptions }>({
  launchOptions: [async ({ launchOptions }, use) => {
    await use({ ...launchOptions, args: [...launchOptions.args ?? [], '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${labelVideo(TAG)}`] })
  }, { scope: 'worker' }],
})

test('offline, without BarcodeDetector: the scanner loads the bundled decoder and reads the label from the camera', async ({ browser }) => {
  const lender = uniqueName('scanner')
  await createStaff(lender, 'uitleen-wachtwoord', ['lender', 'm:arendonk'])
  const tablet = await browser.newContext({ permissions: ['camera'] })
  // As in a browser that has no BarcodeDetector (Firefox, Chromium on desktop Linux).
  await tablet.addInitScript(() => {
    delete (window as { BarcodeDetector?: unknown }).BarcodeDetector
  })
  const page = await tablet.newPage()
  await signIn(page, lender, 'uitleen-wachtwoord')
  await waitForServiceWorker(page)
  await openLending(page)
  await registerDevice(page, TAG)
  await refurbish(page, 'CERT-QR')

  // Offline: the decoder's chunks must come from the service worker's precache.
  await tablet.setOffline(true)
  await expectNetworkCut(page)
  await page.goto(`${baseUrl()}/uitlenen/uitlenen`)
  expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false)
  const field = page.getByRole('textbox', { name: 'Inventarisnummer', exact: true })
  await expect(field).toHaveValue('')
  await page.getByRole('button', { name: 'Label scannen' }).click()
  await expect(page.getByRole('status').filter({ hasText: `Label gelezen: ${TAG}` })).toBeVisible({ timeout: 30_000 })
  await expect(field).toHaveValue(TAG)
  await expect(page.locator('video[data-reader="library"]')).toHaveCount(1)
  await expect(page.getByText(/Lenovo ThinkPad T480: Klaar om uit te lenen/)).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/lending-scan.png', fullPage: true })
  await tablet.close()
})
