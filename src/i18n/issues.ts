import { useI18n } from 'vue-i18n'
import type { FieldIssue } from '../domain'

const KNOWN_CODES = new Set(['required', 'choose', 'invalidType', 'notAllowed', 'notWhole', 'tooSmall', 'tooLarge', 'tooLong', 'invalidTimestamp', 'locationOutsideMunicipality'])

/**
 * Turns a validation issue from the domain into a sentence in the active language. Codes are
 * stable keys shared with the server; an unknown one still gets a message instead of a raw code.
 */
export function useIssueText() {
  const { t } = useI18n()
  return (issue: FieldIssue): string =>
    t(`issue.${KNOWN_CODES.has(issue.code) ? issue.code : 'unknown'}`, { limit: issue.limit ?? '' })
}
