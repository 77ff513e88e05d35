import type { AppLocale } from '../locale'
import { featureMessages } from '../features'

type FeatureTexts = { [K in keyof typeof featureMessages]: (typeof featureMessages)[K] extends Record<AppLocale, infer T> ? T : never }

/** One language's texts of every feature, each under the feature's own key. */
export function featureTexts(locale: AppLocale): FeatureTexts {
  return Object.fromEntries(
    Object.entries(featureMessages).map(([feature, texts]) => [feature, (texts as Record<AppLocale, object>)[locale]]),
  ) as FeatureTexts
}
