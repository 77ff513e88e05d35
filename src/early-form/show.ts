import { ACTIONS, EARLY, HELD, keyIn } from './controls'
import { readEarlyForm, stylesheets, type EarlyFormRecord } from './record'

/*
 * Run by a classic script (`boot.ts`) right after `<div id="app">`, before the app's modules: when
 * the kept help-session form belongs to this page, this build, language and tablet state
 * (`record.ts`), it goes into #app at once, so the volunteer can type before the app has loaded.
 * Typing lands in native inputs and stays there; the app reads it when it takes over
 * (`takeover.ts`). What needs the app is held instead of done natively: a submit (never a page
 * load) and a tap on a button or a link, each noted in order on #app and carried out by the app,
 * and the start's date-and-time field, a read-only box until the app draws its own (`HELD_TYPE`).
 */

/** Notes a press for the app, and shows it as busy (the app's own look for a button at work). */
function hold(root: HTMLElement, action: string, pressed: Element | null): void {
  const held = JSON.parse(root.getAttribute(HELD) ?? '[]') as string[]
  // One submit is enough: a second press before the app is there would save twice.
  if (action !== 'submit' || !held.includes('submit'))
    root.setAttribute(HELD, JSON.stringify([...held, action]))
  if (pressed && !pressed.hasAttribute('aria-busy')) {
    pressed.setAttribute('aria-busy', 'true')
    pressed.classList.add('button--loading')
    if (pressed.tagName === 'BUTTON')
      pressed.insertAdjacentHTML('afterbegin', '<span class="button__spinner" aria-hidden="true"></span>')
  }
}

/**
 * Draws the kept form into `root` when it fits this start and every stylesheet it was drawn with
 * is already on the page (index.html links the app's one stylesheet, see vite.config.ts), so it is
 * never shown half-styled; returns whether it did. Synchronous, while the page is still parsed:
 * waiting here would let the app's modules run first.
 */
export function showEarlyForm(root: HTMLElement, doc: Document = document, path = `${location.pathname}${location.search}`): boolean {
  const record = readEarlyForm(doc, path)
  const present = new Set(stylesheets(doc))
  if (!record || !record.styles.every(href => present.has(href)))
    return false
  draw(root, doc, record)
  return true
}

function draw(root: HTMLElement, doc: Document, record: EarlyFormRecord): void {
  root.innerHTML = record.html
  root.setAttribute(EARLY, '')
  doc.documentElement.lang = record.locale
  doc.title = record.title
  // Once the app has taken over (it removes EARLY) these listeners stand aside.
  root.addEventListener('submit', (event) => {
    if (!root.hasAttribute(EARLY))
      return
    event.preventDefault()
    const form = event.target instanceof HTMLFormElement ? event.target : null
    hold(root, 'submit', (event as SubmitEvent).submitter ?? form?.querySelector('[type="submit"]') ?? null)
  }, true)
  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest(ACTIONS) : null
    if (!root.hasAttribute(EARLY) || !target || target.getAttribute('type') === 'submit')
      return
    event.preventDefault()
    const key = keyIn(root, ACTIONS, target)
    if (key)
      hold(root, key, target)
  }, true)
}
