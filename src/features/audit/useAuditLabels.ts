import { useI18n } from 'vue-i18n'
import { APP_SETTINGS_KIND, CATEGORY_KIND, describeDb, KIND_RULES, LOCATION_KIND, municipalityName, allDatabases } from '../../domain'
import { useFormat } from '../../i18n/format'

/** Every record kind the trail can name, from the write rules (plus the desk's config kinds and accounts). */
export const AUDIT_KINDS = [...new Set([
  ...Object.values(KIND_RULES).flatMap(rules => Object.keys(rules ?? {})),
  LOCATION_KIND, CATEGORY_KIND, APP_SETTINGS_KIND, 'user',
])]

/** The databases a coordinator can filter on, in the order of the design: config, residents, lending, municipalities. */
export const AUDIT_DATABASES = [...allDatabases(), '_users']

/** Words for what the trail holds: databases, record kinds, actions and times, in the screen's language. */
export function useAuditLabels() {
  const { t, te } = useI18n()
  const format = useFormat()
  return {
    db(name: string): string {
      if (name === '_users')
        return t('audit.database.users')
      const info = describeDb(name)
      if (!info)
        return name
      return info.municipality ? t('audit.database.municipality', { name: municipalityName(info.municipality) }) : t(`audit.database.${info.kind}`)
    },
    kind: (kind: string | null) => (kind === null ? '—' : te(`audit.kinds.${kind}`) ? t(`audit.kinds.${kind}`) : kind),
    action: (action: string) => (te(`audit.action.${action}`) ? t(`audit.action.${action}`) : action),
    at: (iso: string) => format.dateTime(iso),
  }
}
