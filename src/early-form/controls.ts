/*
 * How one form control or button on the kept page is found again on the page the app draws: by
 * what a person sees of it (its kind, its label or text, the value of a choice), counted in page
 * order when the same one occurs twice. Not by id: the app numbers its ids as it renders.
 * No imports: `boot.ts` uses it before the app has loaded.
 */
/** The meta tag of the built index.html that names the app's entry module (build/early-script.ts). */
export const ENTRY_META = 'digibalie-entry'
/** The meta tag that lists the modules the entry imports, which the early script preloads as it starts the entry. */
export const PRELOAD_META = 'digibalie-preload'
/** On #app while it holds the kept page, until the app takes over. */
export const EARLY = 'data-early'
/** On #app: what was pressed meanwhile, in order (`submit`, or the key of a button or link). */
export const HELD = 'data-early-held'
/**
 * On a field the kept page draws as a plain read-only box until the app takes over: its own
 * type. That is the start's date-and-time field: making one costs a slow tablet's first page of
 * the day about 20 ms (its calendar and the language's date format), more than any other field,
 * and the start is always "now", which the app sets as it takes over.
 */
export const HELD_TYPE = 'data-early-type'
/** The field types the kept page holds that way (`HELD_TYPE`). */
export const HELD_TYPES = ['datetime-local']
export const CONTROLS = 'input, select, textarea'
/** The offer to set a PIN (`AuthPinOffer`), drawn above the form from the start snapshot alone. */
export const PIN_OFFER = '.pin-offer'
/** Buttons and links: their action is held until the app has taken over. */
export const ACTIONS = 'button, a[href]'

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement

const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

function keyOf(el: Element): string {
  const tag = el.tagName.toLowerCase()
  const type = el.getAttribute(HELD_TYPE) ?? el.getAttribute('type') ?? ''
  const choice = type === 'radio' || type === 'checkbox' ? el.getAttribute('value') ?? '' : ''
  const labels = 'labels' in el && el.labels ? [...(el.labels as NodeListOf<HTMLLabelElement>)].map(l => l.textContent).join(' ') : ''
  const text = tag === 'a' || tag === 'button' ? el.textContent : labels
  return [tag, type, choice, squeeze(text)].join('|')
}

/** Each element under `root` matching `selector` with its key, numbered where a key repeats. */
export function keyed(root: ParentNode, selector: string): Array<{ el: Element, key: string }> {
  const seen = new Map<string, number>()
  return [...root.querySelectorAll(selector)].map((el) => {
    const key = keyOf(el)
    const n = seen.get(key) ?? 0
    seen.set(key, n + 1)
    return { el, key: `${key}#${n}` }
  })
}

/** The key of one element among the others under `root`. */
export function keyIn(root: ParentNode, selector: string, el: Element): string | undefined {
  return keyed(root, selector).find(k => k.el === el)?.key
}

const isChoice = (el: Control): el is HTMLInputElement => el.type === 'checkbox' || el.type === 'radio'

/** What a person changed in a control since the page was drawn, or undefined when nothing. */
export function changeOf(el: Element): string | boolean | undefined {
  const c = el as Control
  if (c instanceof HTMLSelectElement) {
    const initial = [...c.options].find(o => o.defaultSelected) ?? c.options[0]
    return c.value !== (initial?.value ?? '') ? c.value : undefined
  }
  if (isChoice(c))
    return c.checked !== c.defaultChecked ? c.checked : undefined
  return c.value !== c.defaultValue ? c.value : undefined
}

/** Puts a change into a control the way a person's input would arrive: through its own events. */
export function applyChange(el: Element, change: string | boolean): void {
  const c = el as Control
  if (typeof change === 'boolean') {
    // A radio is cleared by checking another in its group; its own change event would choose it.
    if (!isChoice(c) || c.checked === change || (c.type === 'radio' && !change))
      return
    c.checked = change
  }
  else {
    c.value = change
    c.dispatchEvent(new Event('input', { bubbles: true }))
  }
  c.dispatchEvent(new Event('change', { bubbles: true }))
}
