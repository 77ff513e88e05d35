import { createI18n } from 'vue-i18n'
import en from './en'
import fr from './fr'
import nl, { type MessageSchema } from './nl'
import { applyLocale, savedLocale, type AppLocale } from './locale'

export { LOCALES, applyLocale, intlTag, isAppLocale, savedLocale, type AppLocale } from './locale'
export type { MessageSchema } from './nl'

export const messages = { nl, fr, en } satisfies Record<AppLocale, MessageSchema>

/** The app's i18n instance (Composition API only); tests create their own with a fixed locale. */
export function createAppI18n(locale: AppLocale = savedLocale()) {
  applyLocale(locale)
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'nl',
    messages,
  })
}
