import { showEarlyForm } from './show'

/*
 * The classic script index.html runs right after `<div id="app">`, before the app's modules (see
 * `show.ts`). Built on its own into one small file (build/early-script.ts): no module syntax, and
 * same-origin, so the Content-Security-Policy (`script-src 'self'`) allows it.
 */
const root = document.getElementById('app')
if (root && !root.hasChildNodes())
  showEarlyForm(root)
