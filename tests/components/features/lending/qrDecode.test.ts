import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'
import { loadQrLibrary, qrDecoder } from '../../../../src/features/lending/qrDecode'

// The same lazily imported parts of the library the scanner loads in the browser.
const decodeQrPixels = qrDecoder(await loadQrLibrary())

/**
 * An RGBA image of the QR code `qrcode` makes for a label (the same library and settings as the
 * label sheet), `scale` pixels per module, on a light grey page with a white quiet zone, as a
 * camera frame would hold it somewhere in the picture.
 */
function labelImage(text: string, opts: { scale: number, offset: [number, number], size: [number, number] }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const [width, height] = opts.size
  const rgba = new Uint8ClampedArray(width * height * 4).fill(200)
  const quiet = 4 * opts.scale
  const side = modules.size * opts.scale + 2 * quiet
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const [mx, my] = [Math.floor((x - quiet) / opts.scale), Math.floor((y - quiet) / opts.scale)]
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx)
      const p = ((y + opts.offset[1]) * width + x + opts.offset[0]) * 4
      rgba.fill(dark ? 30 : 250, p, p + 3)
      rgba[p + 3] = 255
    }
  }
  return { rgba, width, height }
}

describe('QR decoding without BarcodeDetector', () => {
  it('reads the asset tag of a generated label anywhere in a camera-sized frame', () => {
    for (const [tag, scale, offset] of [['DB-0042', 4, [20, 30]], ['LT-2026-ABCDEFGH', 6, [300, 100]]] as const) {
      const { rgba, width, height } = labelImage(tag, { scale, offset: [...offset], size: [640, 480] })
      expect(decodeQrPixels(rgba, width, height)).toBe(tag)
    }
  })

  it('reads the labels whose sharp image the reader misjudges at full size (seen as a scan that never ends)', () => {
    for (const tag of ['QR-MX1TAOBA', 'QR-MX1TKQU1', 'QR-MX1TLXLU']) {
      const { rgba, width, height } = labelImage(tag, { scale: 8, offset: [200, 120], size: [640, 480] })
      expect(decodeQrPixels(rgba, width, height)).toBe(tag)
    }
  })

  it('finds nothing in a frame without a code, and does not throw', () => {
    const blank = new Uint8ClampedArray(320 * 240 * 4).fill(180)
    expect(decodeQrPixels(blank, 320, 240)).toBeNull()
  })
})
