import { ENTRY_META, PRELOAD_META } from './controls'

/** How the page schedules work: the browser's own, or a test's. */
export interface Schedule {
  frame: (fn: () => void) => void
  timer: (fn: () => void, ms: number) => void
}

const BROWSER: Schedule = {
  frame: fn => void requestAnimationFrame(fn),
  timer: (fn, ms) => void setTimeout(fn, ms),
}

/**
 * Starts the app: the built index.html names the entry module and its imports in meta tags
 * instead of loading them (build/early-script.ts). Without a kept form everything is asked for at
 * once, the imports first so they are fetched alongside the entry. With the kept form on screen
 * (`afterPaint`) the entry waits for that form's first frame, so the app's first long task
 * (compiling and running the shell) comes after the form is painted; a hidden tab draws no
 * frames, so a timer stands in. Then each request is a task of its own: asking for a file costs
 * the main thread about 12 ms on a slow tablet (4× CPU), and a tap on the kept form should not
 * wait for three of them. The entry goes first: its file is the one the app waits for.
 */
export function startApp(afterPaint: boolean, doc: Document = document, schedule: Schedule = BROWSER): void {
  const entry = doc.querySelector(`meta[name="${ENTRY_META}"]`)?.getAttribute('content')
  if (!entry)
    return
  const preloads = (doc.querySelector(`meta[name="${PRELOAD_META}"]`)?.getAttribute('content')?.split(' ') ?? []).filter(Boolean)
  const preload = (href: string) => {
    const link = doc.createElement('link')
    link.rel = 'modulepreload'
    link.crossOrigin = ''
    link.href = href
    doc.head.append(link)
  }
  const script = () => {
    const el = doc.createElement('script')
    el.type = 'module'
    // As a module script asks for its imports, so the preloaded copies are used.
    el.crossOrigin = ''
    el.src = entry
    doc.head.append(el)
  }
  if (!afterPaint) {
    preloads.forEach(preload)
    return script()
  }
  let started = false
  const start = () => {
    if (started)
      return
    started = true
    script()
    for (const href of preloads)
      schedule.timer(() => preload(href), 0)
  }
  schedule.frame(() => schedule.timer(start, 0))
  schedule.timer(start, 250)
}
