import { useI18n } from 'vue-i18n'
import { isMunicipalitySlug, municipalityName, type FunderSection } from '../../domain'
import { useCategoryName } from '../sessions/useCategoryName'

/** The row names of each report section in the coordinator's language. */
export function useReportLabels() {
  const { t } = useI18n()
  const category = useCategoryName()
  return (section: FunderSection) => (key: string): string => {
    if (section === 'residentsByService')
      return t(`coordinator.report.service.${key}`)
    if (section === 'sessionsByCategory')
      return category(key)
    return isMunicipalitySlug(key) ? municipalityName(key) : key
  }
}
