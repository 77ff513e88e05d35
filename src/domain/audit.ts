/**
 * The audit trail's shape, shared by the server that keeps it and the screen that shows it: who
 * changed which document and when, never what it says.
 */
export type AuditAction = 'create' | 'update' | 'delete' | 'purge' | 'erase'

export interface AuditEntry {
  seq: number
  at: string
  account: string | null
  db: string
  id: string
  rev: string | null
  kind: string | null
  action: AuditAction
}
