import { dataModule, startSnapshot } from './boot'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import type { Router } from 'vue-router'
import App from './App.vue'
import { createAppI18n, loadLocaleMessages, savedLocale } from './i18n'
import { whenIdle } from './idle'
import { FORM_PATH, isKeepFrame, keepFormInBackground, startKeepFrame, tellFormKept } from './early-form/keep-frame'
import { takeOverEarlyForm } from './early-form/takeover'
import { createAppRouter, preloadAllPages, preloadPage } from './router'
import { keepStartSnapshot, resumeFrom, snapshotAsRead } from './start'
import { useAuthStore } from './stores/auth'
import { loadDataLayerWith, setDataLayer } from './stores/data'
import { useLockStore } from './stores/lock'
import './styles/main.css'

/*
 * A cold start with a snapshot of the last start (`start-snapshot.ts`: who works here, the lock,
 * the rooms) draws the first page from it; the data layer (PouchDB and Dexie, the largest part of
 * the app's code) loads once that page is on screen, or earlier when a page or a save asks for it
 * (`whenDataLayer`). Then the stored state is read; if it differs from the snapshot, the router
 * decides again. Without a snapshot the router waits for the stored profile, as on a first start.
 * No top-level await: the data chunk imports the shell, and would wait forever for a shell that
 * waits for it.
 */
async function start(): Promise<void> {
  // The hidden frame that keeps the form (src/early-form/keep-frame.ts) draws from the snapshot
  // alone; without one (the tablet was cleared meanwhile) it does nothing: one app per tablet syncs.
  const keeping = isKeepFrame()
  if (keeping && !startSnapshot)
    return tellFormKept()
  const i18n = createAppI18n()
  // Dutch is in the shell; another saved language loads its texts meanwhile.
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
  let loading: Promise<void> | null = null
  const loadData = () => loading ??= dataModule().then((data) => {
    setDataLayer(data.createDataLayer({ startSyncAfter: firstPaint }))
  })
  let mounted = false
  if (keeping)
    startKeepFrame()
  // Asked for before the first paint (a page that needs it): at once; during the mount: after the paint.
  loadDataLayerWith(keeping ? null : () => void (mounted ? firstPaint.then(loadData) : loadData()))
  if (startSnapshot)
    resumeFrom(startSnapshot)
  else
    await loadData()
  await texts
  app.use(router)
  // A first navigation that fails still mounts the app, which then shows where it is.
  await router.isReady().catch(() => undefined)
  mounted = true
  // A kept form may already be on screen and typed in (src/early-form/): the app takes that over.
  const root = document.getElementById('app')
  const takeOver = root && takeOverEarlyForm(root)
  app.mount('#app')
  takeOver?.()
  if (keeping) {
    // The form keeps itself once the snapshot counts as read; another page (the tablet was locked meanwhile) keeps nothing.
    snapshotAsRead()
    if (router.currentRoute.value.path !== FORM_PATH)
      tellFormKept()
    return
  }
  // The frame after the next one: the first page is on screen. A hidden tab draws no frames, so a
  // timer stands in for the paint there: the data layer must not wait for a tab to be shown.
  requestAnimationFrame(() => setTimeout(painted, 0))
  setTimeout(painted, 1000)
  await firstPaint
  await loadData()
  await checkStoredState(router)
  keepStartSnapshot()
  // Whenever the tablet is idle on another page with no form kept, one is drawn out of sight for the next cold start.
  const keepForm = () => whenIdle(() => keepFormInBackground(router.currentRoute.value.path))
  router.afterEach(keepForm)
  keepForm()
  // On a first visit the service worker is still caching the app: until it serves the pages, each
  // page's code is loaded once the tablet is idle, so a page opened after the network drops opens.
  if (!navigator.serviceWorker?.controller)
    whenIdle(() => preloadAllPages(router))
}

/** Reads the stored profile, lock and identity; a page opened from a stale snapshot is decided again. */
async function checkStoredState(router: Router): Promise<void> {
  const auth = useAuthStore()
  const lock = useLockStore()
  const before = `${auth.profile?.name}|${lock.locked}`
  await auth.restore()
  if (startSnapshot && `${auth.profile?.name}|${lock.locked}` !== before) {
    const { path, query, hash } = router.currentRoute.value
    await router.replace({ path, query, hash, force: true }).catch(() => undefined)
  }
}

void start()
