/*
 * Where a QR code is read from the camera: the browser's own BarcodeDetector where it reads QR
 * codes, otherwise our bundled decoder (`qrDecode.ts`), loaded only now that the scanner opens.
 */
export interface QrDetector {
  /** The text of a QR code in the video's current frame, or null. */
  detect(video: HTMLVideoElement): Promise<string | null>
  /** Which one reads: the browser's detector or the bundled library (shown to nobody; for tests). */
  kind: 'native' | 'library'
}

interface NativeDetector { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> }
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector
  getSupportedFormats?: () => Promise<string[]>
}

async function nativeDetector(): Promise<QrDetector | null> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector
  if (!Native)
    return null
  // Some browsers define the class but read no QR codes with it (desktop Chromium without the service).
  const formats = await Native.getSupportedFormats?.().catch(() => []) ?? ['qr_code']
  if (!formats.includes('qr_code'))
    return null
  const detector = new Native({ formats: ['qr_code'] })
  return { kind: 'native', detect: async video => (await detector.detect(video).catch(() => []))[0]?.rawValue ?? null }
}

async function libraryDetector(): Promise<QrDetector> {
  const { loadQrLibrary, qrDecoder } = await import('./qrDecode')
  const decode = qrDecoder(await loadQrLibrary())
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  return {
    kind: 'library',
    detect: async (video) => {
      const [width, height] = [video.videoWidth, video.videoHeight]
      if (!context || width === 0 || height === 0)
        return null
      canvas.width = width
      canvas.height = height
      context.drawImage(video, 0, 0, width, height)
      return decode(context.getImageData(0, 0, width, height).data, width, height)
    },
  }
}

export async function createQrDetector(): Promise<QrDetector> {
  return (await nativeDetector()) ?? libraryDetector()
}

/** Whether this browser can show a camera at all; without one the typed field is the way. */
export function canUseCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}
