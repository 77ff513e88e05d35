/// <reference lib="webworker" />
import { cacheNames, clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, getCacheKeyForURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { UPDATE_FRAME_PARAM } from '../early-form/update-param'
import { isShell, SHELL_PATH, waitingShell } from '../early-form/waiting-shell'

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string, revision: string | null }> }

// The app shell is precached, so a reload with no network still opens the app. Data never goes
// through this cache: records live in IndexedDB and travel by replication.
// No directory index: by default the precache answers any `GET /` with index.html, also PouchDB's
// request for the server's uuid, which is part of every replication id. A page the worker
// controls then got other replication ids than before, so after a reload each pull started again
// from sequence 0 instead of its checkpoint. Navigations to `/` get the shell from the route below.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: '' })
cleanupOutdatedCaches()

// The first install takes control of the open page at once, so it works offline without a second
// load. Later versions still wait for the volunteer's "Vernieuwen" (SKIP_WAITING below).
clientsClaim()

const UPDATE_FRAME = new RegExp(`[?&]${UPDATE_FRAME_PARAM}(?:[=&]|$)`)

// Every navigation gets the shell, except the CouchDB API paths that the server answers itself,
// and the hidden frame in which a new version, waiting to take over, draws its form to keep
// (src/early-form/keep-frame.ts): that one must run the new version, not this one.
registerRoute(new NavigationRoute(createHandlerBoundToURL(SHELL_PATH), {
  denylist: [/^\/_/, /^\/dgb-/, UPDATE_FRAME],
}))

// That frame gets the waiting version's shell, which its worker precached next to ours before it
// began to wait (src/early-form/waiting-shell.ts): so it draws its form offline too. Only when no
// other shell is cached does the frame go to the server.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && UPDATE_FRAME.test(url.search),
  async ({ request }) => {
    const cache = await caches.open(cacheNames.precache)
    const shells = (await cache.keys()).filter(key => isShell(key.url))
    const cached = await Promise.all(shells.map(async key => ({ url: key.url, date: (await cache.match(key))?.headers.get('date') ?? null })))
    const shell = waitingShell(cached, getCacheKeyForURL(SHELL_PATH))
    const response = shell ? await cache.match(shell) : undefined
    return response ?? fetch(request)
  },
)

// The files of a version that waits are precached too, but not in this worker's list: the frame
// above gets them from the precache all the same. Anything not cached goes to the network.
registerRoute(
  ({ request, sameOrigin, url }) => sameOrigin && request.method === 'GET' && url.pathname.startsWith('/assets/'),
  async ({ request }) => (await caches.match(request, { cacheName: cacheNames.precache })) ?? fetch(request),
)

// The update prompt in the app posts this when the volunteer chooses to load the new version.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING')
    void self.skipWaiting()
})
