import { useI18n } from 'vue-i18n'
import { findLocation, isMunicipalitySlug, municipalityName } from '../../domain'
import { intlTag } from '../../i18n/locale'
import type { ReviewCell } from '../../stores/review'
import { useCategoryName } from '../sessions/useCategoryName'

/**
 * A review cell as the coordinator reads it: dates and numbers through Intl in their language,
 * ids of categories, outcomes and statuses by their names. The CSV uses the same words.
 */
export function useCellText() {
  const { t, te, locale } = useI18n()
  const categoryName = useCategoryName()
  const named = (key: string, value: string) => (te(key) ? t(key) : value)
  return (column: string, value: ReviewCell): string => {
    if (value === null || value === '')
      return ''
    const tag = intlTag(locale.value)
    if (typeof value === 'boolean')
      return value ? t('coordinator.yes') : t('coordinator.no')
    if (typeof value === 'number')
      return new Intl.NumberFormat(tag, column === 'attendanceRate' ? { style: 'percent' } : {}).format(value)
    switch (column) {
      case 'startedAt':
      case 'lastEventAt': return new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(value))
      case 'startDate':
      case 'endDate': return new Intl.DateTimeFormat(tag, { dateStyle: 'short' }).format(new Date(`${value}T12:00:00`))
      case 'municipality': return isMunicipalitySlug(value) ? municipalityName(value) : value
      case 'location': return findLocation(value)?.name ?? value
      case 'categories': return value.split(', ').map(categoryName).join(', ')
      case 'outcome': return named(`outcome.${value}`, value)
      case 'helpMode': return named(`desk.helpMode.${value}`, value)
      case 'status': return named(`lending.status.${value}`, named(`coordinator.dashboard.${value}`, value))
      case 'topic': return named(`classes.topic.${value}`, value)
      default: return value
    }
  }
}
