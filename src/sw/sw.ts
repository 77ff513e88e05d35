/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { UPDATE_FRAME_PARAM } from '../early-form/update-param'

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

// Every navigation gets the shell, except the CouchDB API paths that the server answers itself,
// and the hidden frame in which a new version, waiting to take over, draws its form to keep
// (src/early-form/keep-frame.ts): that one must load the new version from the server.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), {
  denylist: [/^\/_/, /^\/dgb-/, new RegExp(`[?&]${UPDATE_FRAME_PARAM}(?:[=&]|$)`)],
}))

// The update prompt in the app posts this when the volunteer chooses to load the new version.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING')
    void self.skipWaiting()
})
