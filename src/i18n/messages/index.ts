import type { AppLocale } from '../locale'
import en from './en'
import fr from './fr'
import nl from './nl'

/** Every language at once, as text: for tests that compare languages or switch without waiting. */
export const messages = { nl, fr, en } satisfies Record<AppLocale, unknown>
