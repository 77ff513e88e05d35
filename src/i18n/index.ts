import { createI18n } from 'vue-i18n'
import en from './en'
import fr from './fr'
import nl, { type MessageSchema } from './nl'
import { featureMessages } from './features'
import { applyLocale, savedLocale, type AppLocale } from './locale'

export { LOCALES, applyLocale, intlTag, isAppLocale, savedLocale, type AppLocale } from './locale'
export type { MessageSchema } from './nl'

const pick = (locale: AppLocale) => Object.fromEntries(
  Object.entries(featureMessages).map(([feature, texts]) => [feature, (texts as Record<AppLocale, object>)[locale]]),
) as { [K in keyof typeof featureMessages]: (typeof featureMessages)[K] extends Record<AppLocale, infer T> ? T : never }

/** The core texts (nl.ts, fr.ts, en.ts) plus each feature's own file in `features/`. */
export const messages = {
  nl: { ...nl, ...pick('nl') },
  fr: { ...fr, ...pick('fr') },
  en: { ...en, ...pick('en') },
} satisfies Record<AppLocale, MessageSchema>

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
