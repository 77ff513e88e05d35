/** The languages of the app; Dutch first, because it is the default. */
export const LOCALES = ['nl', 'fr', 'en'] as const
export type AppLocale = (typeof LOCALES)[number]

/*
 * Intl gets a Belgian region, so dates and numbers read the way people here write them
 * (24-hour clock, day before month) whichever of the three languages is chosen.
 */
const INTL_TAGS: Record<AppLocale, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-BE' }

const STORAGE_KEY = 'digibalie.locale'

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function intlTag(locale: string): string {
  return isAppLocale(locale) ? INTL_TAGS[locale] : INTL_TAGS.nl
}

/** The language chosen earlier on this device; storage can be unavailable (private mode), then Dutch. */
export function savedLocale(): AppLocale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isAppLocale(value) ? value : 'nl'
  }
  catch {
    return 'nl'
  }
}

/** Remembers the language on this device and tells assistive technology which language it reads. */
export function applyLocale(locale: AppLocale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale)
  }
  catch {
    // Without storage the choice simply lasts until the next reload.
  }
  if (typeof document !== 'undefined')
    document.documentElement.lang = locale
}
