import { ENTRY_META, PRELOAD_META } from './controls'
import { showEarlyForm } from './show'

/*
 * The classic script index.html runs right after `<div id="app">` (see `show.ts`). It also starts
 * the app: the built index.html names the entry module in a meta tag instead of loading it
 * (build/early-script.ts). With the kept form on screen the entry waits for that form's first
 * frame, so the app's first long task (compiling and running the shell) comes after the form is
 * painted; a hidden tab draws no frames, so a timer stands in. Without a kept form it starts at
 * once. Built on its own (no module syntax) and written into index.html itself, so no request to
 * the service worker stands before the kept form (build/early-script.ts); the server's
 * Content-Security-Policy allows exactly this inline script, by its hash.
 */
function startApp(afterPaint: boolean): void {
  const entry = document.querySelector(`meta[name="${ENTRY_META}"]`)?.getAttribute('content')
  if (!entry)
    return
  let started = false
  const start = () => {
    if (started)
      return
    started = true
    // The entry's own imports are fetched alongside it, not only once it has been parsed.
    for (const href of document.querySelector(`meta[name="${PRELOAD_META}"]`)?.getAttribute('content')?.split(' ') ?? []) {
      if (!href)
        continue
      const link = document.createElement('link')
      link.rel = 'modulepreload'
      link.crossOrigin = ''
      link.href = href
      document.head.append(link)
    }
    const script = document.createElement('script')
    script.type = 'module'
    // As a module script asks for its imports, so the preloaded copies are used.
    script.crossOrigin = ''
    script.src = entry
    document.head.append(script)
  }
  if (!afterPaint)
    return start()
  requestAnimationFrame(() => setTimeout(start, 0))
  setTimeout(start, 250)
}

const root = document.getElementById('app')
let drawn = false
try {
  drawn = root !== null && !root.hasChildNodes() && showEarlyForm(root)
}
finally {
  // Whatever went wrong with the kept form, the app starts.
  startApp(drawn)
}
