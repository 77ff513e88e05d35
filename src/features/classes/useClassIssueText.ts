import { useI18n } from 'vue-i18n'
import type { FieldIssue } from '../../domain'
import { useDeskIssueText } from '../sessions/useDeskIssueText'

/** Issue texts of the classes' own codes (`classes.issue.*`), then the registry's and the app's common ones. */
export function useClassIssueText() {
  const { t, te } = useI18n()
  const registry = useDeskIssueText()
  return (issue: FieldIssue): string => te(`classes.issue.${issue.code}`) ? t(`classes.issue.${issue.code}`) : registry(issue)
}

/** The sentence to show under a field: the first issue of that field (or of a part of it), if any. */
export function useFieldError(issues: () => readonly FieldIssue[]) {
  const issueText = useClassIssueText()
  return (field: string): string | undefined => {
    const issue = issues().find(i => i.path === field || i.path.startsWith(`${field}.`))
    return issue ? issueText(issue) : undefined
  }
}
