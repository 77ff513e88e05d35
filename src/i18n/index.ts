import { createI18n, type Composer } from 'vue-i18n'
import { applyLocale, type AppLocale } from './locale'
import nl from './messages/nl'

export { LOCALES, applyLocale, intlTag, isAppLocale, savedLocale, type AppLocale } from './locale'
export type { MessageSchema } from './nl'

/** The texts of one whole language: the core texts plus every feature's own. */
export type AppMessages = typeof nl

/*
 * Dutch is part of the app shell; French and English are chunks of their own, loaded the first
 * time someone picks them (from the service worker's precache, so offline too).
 */
const LOADERS: Record<Exclude<AppLocale, 'nl'>, () => Promise<{ default: AppMessages }>> = {
  fr: () => import('./messages/fr'),
  en: () => import('./messages/en'),
}

/**
 * The app's i18n instance (Composition API only), in Dutch until `loadLocaleMessages` switches it.
 * Tests hand in every language at once (`messages/index.ts`) to switch without waiting.
 */
export function createAppI18n(locale: AppLocale = 'nl', messages: Partial<Record<AppLocale, AppMessages>> = { nl }) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'nl',
    messages: { nl, ...messages },
  })
}

type LocaleTarget = Pick<Composer, 'availableLocales' | 'locale' | 'setLocaleMessage'>

/** Loads a language's texts when they are not there yet, then shows the app in it and remembers it. */
export async function loadLocaleMessages(composer: LocaleTarget, locale: AppLocale): Promise<void> {
  if (locale !== 'nl' && !composer.availableLocales.includes(locale))
    composer.setLocaleMessage(locale, (await LOADERS[locale]()).default)
  composer.locale.value = locale
  applyLocale(locale)
}
