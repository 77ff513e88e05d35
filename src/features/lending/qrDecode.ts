import type * as Zxing from '@zxing/library'

/** The parts of the library QR decoding uses (`loadQrLibrary` imports only these). */
export type QrLibrary = Pick<typeof Zxing, 'BinaryBitmap' | 'ChecksumException' | 'DecodeHintType' | 'FormatException' | 'HybridBinarizer' | 'NotFoundException' | 'QRCodeReader' | 'RGBLuminanceSource'>

/*
 * The QR decoder for browsers without BarcodeDetector (Firefox, Safari before 17, Chromium on
 * desktop Linux and Windows): `@zxing/library`, a pure JavaScript library (no eval, no WebAssembly,
 * no worker), so it runs under the app's Content-Security-Policy. `loadQrLibrary` imports the QR
 * parts of it lazily and the decoder gets them handed over: that keeps them in chunks of their own
 * (about a quarter of the library), loaded only when the scanner opens and precached for offline use.
 */
export type QrDecode = (rgba: Uint8ClampedArray, width: number, height: number) => string | null

/** A decoder of RGBA images (a canvas's `ImageData`): the QR code's text, or null when none is found. */
export function qrDecoder(zxing: QrLibrary): QrDecode {
  const { BinaryBitmap, ChecksumException, DecodeHintType, FormatException, HybridBinarizer, NotFoundException, QRCodeReader, RGBLuminanceSource } = zxing
  const reader = new QRCodeReader()
  const hints = new Map<Zxing.DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]])
  const read = (luminance: Uint8ClampedArray, width: number, height: number): string | null => {
    try {
      return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))), hints).getText()
    }
    catch (err) {
      // A frame without a (readable) code is the normal case while the camera moves: try the next one.
      if (err instanceof NotFoundException || err instanceof ChecksumException || err instanceof FormatException)
        return null
      throw err
    }
  }
  return (rgba, width, height) => {
    const luminance = new Uint8ClampedArray(width * height)
    for (let i = 0, p = 0; i < luminance.length; i += 1, p += 4)
      luminance[i] = (rgba[p]! * 306 + rgba[p + 1]! * 601 + rgba[p + 2]! * 117) >> 10
    // The reader misjudges the module size of about 3 in 100 sharp, still labels (it then finds no
    // code, frame after frame, while the label is held still); the same frame at a half and a third
    // of its size is read (1 miss in 4,000 generated labels instead of 30 in 1,000).
    let text = read(luminance, width, height)
    for (let k = 2; text === null && k <= 3; k++) {
      const smaller = shrink(luminance, width, height, k)
      text = read(smaller, Math.floor(width / k), Math.floor(height / k))
    }
    return text
  }
}

/** The image at 1/k of its size, each pixel the mean of a k×k block. */
function shrink(luminance: Uint8ClampedArray, width: number, height: number, k: number): Uint8ClampedArray {
  const [w, h] = [Math.floor(width / k), Math.floor(height / k)]
  const out = new Uint8ClampedArray(w * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0
      for (let dy = 0; dy < k; dy++) {
        for (let dx = 0; dx < k; dx++)
          sum += luminance[(y * k + dy) * width + x * k + dx]!
      }
      out[y * w + x] = sum / (k * k)
    }
  }
  return out
}

/**
 * The QR reader's modules, imported one by one: importing the package's index would bundle every
 * barcode format (about 120 kB gzip instead of the QR reader's share).
 */
export async function loadQrLibrary(): Promise<QrLibrary> {
  const [
    { default: BinaryBitmap }, { default: ChecksumException }, { default: DecodeHintType }, { default: FormatException },
    { default: HybridBinarizer }, { default: NotFoundException }, { default: QRCodeReader }, { default: RGBLuminanceSource },
  ] = await Promise.all([
    import('@zxing/library/esm/core/BinaryBitmap'), import('@zxing/library/esm/core/ChecksumException'),
    import('@zxing/library/esm/core/DecodeHintType'), import('@zxing/library/esm/core/FormatException'),
    import('@zxing/library/esm/core/common/HybridBinarizer'), import('@zxing/library/esm/core/NotFoundException'),
    import('@zxing/library/esm/core/qrcode/QRCodeReader'), import('@zxing/library/esm/core/RGBLuminanceSource'),
  ])
  return { BinaryBitmap, ChecksumException, DecodeHintType, FormatException, HybridBinarizer, NotFoundException, QRCodeReader, RGBLuminanceSource }
}
