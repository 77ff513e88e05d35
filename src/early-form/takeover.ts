import { ACTIONS, applyChange, changeOf, CONTROLS, EARLY, HELD, keyed, keyIn } from './controls'

/*
 * The app taking over from the kept page (`show.ts`) without losing anything: read what the
 * volunteer typed, chose, focused and pressed there right before `app.mount` replaces it, then
 * put it into the app's own page through the same events typing would send, so the form's state
 * (and its draft) hold it. Held presses are carried out last, in order; a held submit is the
 * form's own submit, which waits for the data layer like any early save.
 */
const FOCUSABLE = `${CONTROLS}, ${ACTIONS}`

interface Caret { start: number | null, end: number | null, direction: 'forward' | 'backward' | 'none' | null }

function caretOf(el: Element): Caret | null {
  try {
    return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? { start: el.selectionStart, end: el.selectionEnd, direction: el.selectionDirection }
      : null
  }
  catch {
    return null
  }
}

/** Puts the caret back; not in a field without one (the start's date and time, held as a text box on the kept page). */
function setCaret(el: Element, caret: Caret): void {
  try {
    if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && caret.start != null)
      el.setSelectionRange(caret.start, caret.end ?? caret.start, caret.direction ?? 'none')
  }
  catch {
    // This kind of field has no caret to put back.
  }
}

function find(root: ParentNode, selector: string, key: string | undefined): HTMLElement | undefined {
  return keyed(root, selector).find(k => k.key === key)?.el as HTMLElement | undefined
}

function heldOf(root: HTMLElement): string[] {
  try {
    const held: unknown = JSON.parse(root.getAttribute(HELD) ?? '[]')
    return Array.isArray(held) ? held.filter((h): h is string => typeof h === 'string') : []
  }
  catch {
    return []
  }
}

/**
 * Call right before mounting into `root`; null when no kept page was shown. Call what it returns
 * right after mounting: changes, focus and caret, then the held presses in order.
 */
export function takeOverEarlyForm(root: HTMLElement): (() => void) | null {
  if (!root.hasAttribute(EARLY))
    return null
  const changes = keyed(root, CONTROLS).flatMap(({ el, key }) => {
    const change = changeOf(el)
    return change === undefined ? [] : [{ key, change }]
  })
  const active = root.ownerDocument.activeElement
  const focus = active && active !== root && root.contains(active) ? { key: keyIn(root, FOCUSABLE, active), caret: caretOf(active) } : null
  const held = heldOf(root)
  root.removeAttribute(EARLY)
  root.removeAttribute(HELD)
  return () => {
    const mounted = keyed(root, CONTROLS)
    for (const { key, change } of changes) {
      const el = mounted.find(k => k.key === key)?.el
      if (el)
        applyChange(el, change)
    }
    // In the same task as the mount: a key pressed next lands where the volunteer was.
    const focused = focus && find(root, FOCUSABLE, focus.key)
    if (focused) {
      focused.focus()
      if (focus.caret)
        setCaret(focused, focus.caret)
    }
    for (const action of held) {
      if (action === 'submit')
        root.querySelector('form')?.requestSubmit()
      else
        find(root, ACTIONS, action)?.click()
    }
  }
}
