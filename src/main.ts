import { dataModule } from './boot'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n, loadLocaleMessages, savedLocale } from './i18n'
import { createAppRouter, preloadAllPages, preloadPage } from './router'
import { setDataLayer } from './stores/data'
import './styles/main.css'

/*
 * The data layer (PouchDB and Dexie, the largest part of the app's code) is a chunk of its own,
 * already asked for by `boot.ts`. It is installed before the router starts: the first guard reads
 * the profile stored on this device. The app is mounted once the first page is known, so the
 * first paint is that page, not an empty frame; replication starts after that paint. No
 * top-level await: the data chunk imports the shell, and would wait forever for a shell that
 * waits for it.
 */
async function start(): Promise<void> {
  const i18n = createAppI18n()
  // Dutch is in the shell; another saved language loads its texts next to the data layer.
  const texts = loadLocaleMessages(i18n.global, savedLocale())
  const router = createAppRouter()
  preloadPage(router, `${location.pathname}${location.search}`)
  const app = createApp(App)
  app.use(createPinia())
  app.use(i18n)
  let painted = () => {}
  const firstPaint = new Promise<void>((resolve) => {
    painted = resolve
  })
  setDataLayer((await dataModule).createDataLayer({ startSyncAfter: firstPaint }))
  await texts
  app.use(router)
  // A first navigation that fails still mounts the app, which then shows where it is.
  await router.isReady().catch(() => undefined)
  app.mount('#app')
  // The frame after the next one: the first page is on screen.
  requestAnimationFrame(() => setTimeout(painted, 0))
  // On a first visit the service worker is still caching the app: until it serves the pages, each
  // page's code is loaded once the tablet is idle, so a page opened after the network drops opens.
  if (!navigator.serviceWorker?.controller)
    requestIdleCallback(() => preloadAllPages(router), { timeout: 3000 })
}

void start()
