import { useI18n } from 'vue-i18n'
import type { DeskCategory } from '../../domain'

export type CategoryNames = { nl: string, fr?: string, en?: string }

/**
 * A category's names in the three languages, for the rename fields and for a document that
 * overrides a default: a default has no stored name, so its names come from the app's messages.
 */
export function useCategoryNames() {
  const { t, te } = useI18n()
  const fromMessages = (id: string, locale: 'nl' | 'fr' | 'en') => (te(`category.${id}`, locale) ? t(`category.${id}`, {}, { locale }) : id)
  return (c: DeskCategory): CategoryNames => c.name
    ? { nl: c.name.nl, ...(c.name.fr ? { fr: c.name.fr } : {}), ...(c.name.en ? { en: c.name.en } : {}) }
    : { nl: fromMessages(c.id, 'nl'), fr: fromMessages(c.id, 'fr'), en: fromMessages(c.id, 'en') }
}

/** The names typed in the fields, without the empty optional ones (they fall back to Dutch). */
export function typedNames(values: Record<string, string>): CategoryNames {
  const clean = (v: string | undefined) => v?.trim() ?? ''
  return { nl: clean(values.nl), ...(clean(values.fr) ? { fr: clean(values.fr) } : {}), ...(clean(values.en) ? { en: clean(values.en) } : {}) }
}
