import { CONTROLS, HELD_TYPE, HELD_TYPES, PIN_OFFER } from './controls'
import { frameDrawnFrom, isUpdateFrame, tellFormKept } from './keep-frame'
import { buildVersion, stylesheets, writeEarlyForm } from './record'

/*
 * Keeps the page as drawn now, for the next cold start (`show.ts`). Only ever called for a pristine
 * form (nothing typed or chosen, no resident, no draft offered); the copy is cleaned all the same,
 * so no value can slip into storage: text fields lose their values, choices keep only whether they
 * are ticked (what the app draws by default), and notices and the sync status are left out.
 * The start's date-and-time field is kept as a read-only box that the app's own field replaces
 * (`HELD_TYPE`). The PIN offer stays: the app draws it from the start snapshot as it mounts, and a kept page
 * without it would be pushed down then (it holds no more than the snapshot: a fixed text).
 */
export function captureEarlyForm(root: HTMLElement, doc: Document = document, path = keptPath(doc.defaultView ?? window)): void {
  const copy = root.cloneNode(true) as HTMLElement
  const originals = [...root.querySelectorAll(CONTROLS)]
  copy.querySelectorAll(CONTROLS).forEach((el, i) => {
    const original = originals[i]
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio'))
      el.toggleAttribute('checked', original instanceof HTMLInputElement && original.checked)
    else if (el instanceof HTMLInputElement && HELD_TYPES.includes(el.type))
      holdField(el)
    else if (el instanceof HTMLSelectElement)
      [...el.options].forEach((o, j) => o.toggleAttribute('selected', original instanceof HTMLSelectElement && original.options[j]?.selected === true))
    else if (el instanceof HTMLTextAreaElement)
      el.textContent = ''
    else
      el.removeAttribute('value')
  })
  // Notices and the sync status (and who still waits to sync) would be stale at the next start: the app fills them in as it takes over.
  copy.querySelectorAll('.notice-region').forEach(n => n.replaceChildren(...n.querySelectorAll(PIN_OFFER)))
  copy.querySelectorAll('[role="status"], .sync-waiting').forEach(n => n.replaceChildren())
  const pinOffer = copy.querySelector(PIN_OFFER) !== null
  writeEarlyForm({ version: buildVersion(doc), path, title: doc.title, styles: stylesheets(doc), html: copy.innerHTML, pinOffer }, undefined, frameDrawnFrom(), isUpdateFrame(doc.defaultView ?? window))
  tellFormKept(doc.defaultView ?? window)
}

/** The address a start will look the form up by: a new version's frame draws it for the form's own (its mark left out). */
function keptPath(win: Window): string {
  return isUpdateFrame(win) ? win.location.pathname : `${win.location.pathname}${win.location.search}`
}

/** A field kept as a plain read-only box, empty, noting its own type (`HELD_TYPE`). */
function holdField(el: HTMLInputElement): void {
  el.setAttribute(HELD_TYPE, el.type)
  el.setAttribute('type', 'text')
  el.setAttribute('readonly', '')
  el.removeAttribute('value')
}
