import { onMounted, ref } from 'vue'
import { Workbox } from 'workbox-window'
import { noteVersionWaiting } from '../../early-form/keep-frame'

/**
 * Registers the service worker (production builds only: in development it would cache files
 * that change all the time) and says when a new version is waiting. The new version takes over
 * only when the person asks for it, so a form being filled in is never reloaded away.
 */
export function useServiceWorkerUpdate() {
  const updateReady = ref(false)
  let workbox: Workbox | null = null

  onMounted(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator))
      return
    workbox = new Workbox('/sw.js')
    workbox.addEventListener('waiting', () => {
      updateReady.value = true
      // So that its first start shows the form at once, also when the app is closed instead of renewed.
      noteVersionWaiting()
    })
    workbox.register().catch((error: unknown) => console.error('Service worker registration failed', error))
  })

  /** Activates the waiting version and reloads once it controls the page. */
  function applyUpdate(): void {
    if (!workbox)
      return
    workbox.addEventListener('controlling', () => window.location.reload())
    // Posts { type: 'SKIP_WAITING' } to the waiting worker, which src/sw/sw.ts listens for.
    workbox.messageSkipWaiting()
  }

  return { updateReady, applyUpdate }
}
