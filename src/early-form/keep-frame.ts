import { whenIdle } from '../idle'
import { START_SNAPSHOT_KEY } from '../start-snapshot'
import { formCanBeKept, nextFormKept, readEarlyForm } from './record'
import { UPDATE_FRAME_PARAM } from './update-param'

/*
 * A kept form (`show.ts`) exists only once the form has been open untouched since the last
 * sign-in, lock, room change, language change or update; until then every cold start waits for
 * the whole app. So whenever the app sits idle on another page and no form is kept for this
 * build and tablet state, it draws the form out of sight, in a hidden frame on the same page:
 * the real app at the form's own address, which keeps itself as it always does
 * (`useEarlyFormCapture`), and is removed again. In that frame the app runs on the start snapshot
 * alone: it never opens the data layer, never syncs and writes nothing but the kept form.
 * The frame is `display: none`: nothing to see, to tap, to focus or to read aloud, and no
 * layout or paint for the tablet to do.
 * A new version that waits to take over ("Vernieuwen") gets the same: its frame's address carries
 * `UPDATE_FRAME_PARAM`, for which the service worker serves the shell that the waiting version
 * precached (`waiting-shell.ts`, the server only when there is none), so the new version's code
 * draws its own form (kept apart, `NEXT_FORM_KEY`), with or without a network. Otherwise the
 * first start of that version, when the app was closed instead of renewed, would find no form
 * kept for it.
 */
export const KEEP_FRAME = 'digibalie-keep-form'
/** The address of the new help-session form (its route in `router.ts`): the page a kept form belongs to. */
export const FORM_PATH = '/hulpvraag/nieuw'
/** Posted by the frame to the page once it has kept (or given up keeping) the form. */
export const FORM_KEPT = 'digibalie-form-kept'
/** A frame that has not answered by then is removed all the same (a tablet busy with other work). */
const GIVE_UP_MS = 20_000

/** Whether this page is the hidden frame that only draws the form to keep it. */
export function isKeepFrame(win: Window = window): boolean {
  return win.name === KEEP_FRAME && win.parent !== win
}

/** Whether this page is the hidden frame of a new version that waits to take over. */
export function isUpdateFrame(win: Window = window): boolean {
  return isKeepFrame(win) && new URLSearchParams(win.location.search).has(UPDATE_FRAME_PARAM)
}

let drawnFrom: string | null | undefined

/**
 * In the frame, as it starts: notes the start snapshot it draws from. A sign-out or a lock on the
 * page while the frame draws changes the snapshot; the form drawn for the old one is not kept.
 */
export function startKeepFrame(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    drawnFrom = storage?.getItem(START_SNAPSHOT_KEY) ?? null
  }
  catch {
    drawnFrom = null
  }
}

/** The snapshot the frame drew from (`startKeepFrame`); undefined on a page of its own. */
export function frameDrawnFrom(): string | null | undefined {
  return drawnFrom
}

/** In the frame: tells the page the form is kept (or that nothing will be). */
export function tellFormKept(win: Window = window): void {
  if (isKeepFrame(win))
    win.parent.postMessage(FORM_KEPT, win.location.origin)
}

/** The frame at work, if any: one at a time. */
let frame: HTMLIFrameElement | null = null
/** A new version waits to take over, and its form has not been asked for yet on this page. */
let versionWaiting = false

/**
 * Whether the page should keep the form now: none is kept for this page's build and the tablet's
 * state, and one can be (someone signed in, unlocked, no draft of a new session waiting). Not on
 * the form's own page (it keeps itself), in the frame itself, or in a hidden tab.
 */
export function formWanted(currentPath: string, doc: Document = document): boolean {
  const win = doc.defaultView
  if (!win || isKeepFrame(win) || doc.hidden || currentPath === FORM_PATH)
    return false
  return formCanBeKept() && readEarlyForm(doc, FORM_PATH) === null
}

/**
 * Whether the waiting version's form should be drawn now: as `formWanted`, for a new version
 * (`noteVersionWaiting`) whose form is not kept yet. Offline too: that version's worker has
 * cached all it needs before it began to wait.
 */
export function nextFormWanted(currentPath: string, doc: Document = document): boolean {
  const win = doc.defaultView
  if (!versionWaiting || !win || isKeepFrame(win) || doc.hidden || currentPath === FORM_PATH)
    return false
  return formCanBeKept() && !nextFormKept(doc)
}

/** The service worker says a new version waits: its form is drawn out of sight once the tablet is idle. */
export function noteVersionWaiting(doc: Document = document): void {
  versionWaiting = true
  whenIdle(() => keepFormInBackground(doc.defaultView?.location.pathname ?? '', doc))
}

/**
 * Keeps the form in a hidden frame when it is wanted (`formWanted`), else the waiting version's
 * (`nextFormWanted`, asked for once), when no frame is at work yet.
 */
export function keepFormInBackground(currentPath: string, doc: Document = document): void {
  const win = doc.defaultView
  if (!win || frame)
    return
  if (formWanted(currentPath, doc))
    openFrame(win, doc, FORM_PATH)
  else
    keepNextForm(currentPath, doc)
}

/** The waiting version's form alone (`nextFormWanted`). */
function keepNextForm(currentPath: string, doc: Document): void {
  const win = doc.defaultView
  if (!win || frame || !nextFormWanted(currentPath, doc))
    return
  // One try per notice: if it fails, that version's first start draws the form itself.
  versionWaiting = false
  openFrame(win, doc, `${FORM_PATH}?${UPDATE_FRAME_PARAM}`)
}

function openFrame(win: Window, doc: Document, src: string): void {
  const el = doc.createElement('iframe')
  el.name = KEEP_FRAME
  el.src = src
  el.hidden = true
  el.tabIndex = -1
  el.style.display = 'none'
  frame = el
  // Its word that the form is kept, or the time it had: either way the frame goes.
  const finish = () => {
    win.removeEventListener('message', onMessage)
    win.clearTimeout(timer)
    el.remove()
    frame = null
    // This build's form first, then the waiting version's.
    keepNextForm(win.location.pathname, doc)
  }
  const onMessage = (event: MessageEvent) => {
    if (event.source === el.contentWindow && event.data === FORM_KEPT)
      finish()
  }
  const timer = win.setTimeout(finish, GIVE_UP_MS)
  win.addEventListener('message', onMessage)
  doc.body.append(el)
}
