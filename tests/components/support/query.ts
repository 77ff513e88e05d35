import type { DOMWrapper, VueWrapper } from '@vue/test-utils'

/** The control a visible label names, as a person (or a screen reader) finds it. */
export function byLabel(w: VueWrapper, text: string): DOMWrapper<HTMLInputElement> {
  const label = w.findAll('label').find(l => l.text().replace(/\s*\*$/, '').trim() === text)
  if (!label)
    throw new Error(`no label "${text}" in: ${w.text()}`)
  const control = w.find<HTMLInputElement>(`#${CSS.escape(label.attributes('for') ?? '')}`)
  if (!control.exists())
    throw new Error(`label "${text}" points at nothing`)
  return control
}

/** The error text linked to a control through aria-describedby, or '' when it has none. */
export function describedError(w: VueWrapper, control: DOMWrapper<Element>): string {
  const ids = (control.attributes('aria-describedby') ?? '').split(' ').filter(Boolean)
  return ids.map(id => w.find(`#${CSS.escape(id)}`)).filter(el => el.classes('field__error')).map(el => el.text()).join(' ')
}

/** A button by its visible name. */
export function button(w: VueWrapper, name: string): DOMWrapper<HTMLButtonElement> {
  const found = w.findAll<HTMLButtonElement>('button').find(b => b.text().trim() === name)
  if (!found)
    throw new Error(`no button "${name}" in: ${w.text()}`)
  return found
}
