import { showEarlyForm } from './show'
import { startApp } from './start-app'

/*
 * The classic script index.html runs right after `<div id="app">` (see `show.ts`). It also starts
 * the app (`start-app.ts`): at once without a kept form, after the kept form's first frame with
 * it. Built on its own (no module syntax) and written into index.html itself, so no request to
 * the service worker stands before the kept form (build/early-script.ts); the server's
 * Content-Security-Policy allows exactly this inline script, by its hash.
 */
const root = document.getElementById('app')
let drawn = false
try {
  drawn = root !== null && !root.hasChildNodes() && showEarlyForm(root)
}
finally {
  // Whatever went wrong with the kept form, the app starts.
  startApp(drawn)
}
