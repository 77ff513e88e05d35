import { useI18n } from 'vue-i18n'
import { useDeskConfigStore } from '../../stores/desk-config'

/**
 * The name of a question category in the active language: a coordinator's own name when there is
 * one (falling back to Dutch), otherwise the app's message; an unknown id still shows, as itself.
 */
export function useCategoryName() {
  const { t, te, locale } = useI18n()
  const config = useDeskConfigStore()
  return (id: string): string => {
    const own = config.categories.find(c => c.id === id)?.name
    if (own)
      return own[locale.value as 'nl' | 'fr' | 'en'] ?? own.nl
    return te(`category.${id}`) ? t(`category.${id}`) : id
  }
}
