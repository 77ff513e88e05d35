import { useI18n } from 'vue-i18n'
import type { FieldIssue } from '../../domain'
import { useIssueText } from '../../i18n/issues'

/** Issue texts of the desk's own codes (`desk.issue.*`), falling back to the app's common ones. */
export function useDeskIssueText() {
  const { t, te } = useI18n()
  const common = useIssueText()
  return (issue: FieldIssue): string => te(`desk.issue.${issue.code}`) ? t(`desk.issue.${issue.code}`) : common(issue)
}
