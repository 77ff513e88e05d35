import { attendanceProjection } from './attendance'
import { courseSessionProjection } from './course-sessions'
import { courseProjection } from './courses'
import { enrolmentProjection } from './enrolments'
import { deskConfigProjection } from './desk-config'
import { appSettingsProjection } from './app-settings'
import { peopleProjection } from './people'
import { sessionProjection } from './sessions'
import { deviceEventProjection } from './device-events'
import { deviceProjection } from './devices'
import { loanExtensionProjection, loanProjection } from './loans'
import { homeVisitProjection } from './visits'
import type { Projection } from './types'
import { conflictProjection } from '../review/conflict-projection'

export type { Projection, ProjectedRow } from './types'

/**
 * Every projection of the read model. A new record kind adds its file here and its table in
 * `read-model.ts`; the projector and the rebuild pick it up without further change.
 */
export const PROJECTIONS: readonly Projection[] = [
  sessionProjection,
  courseProjection,
  courseSessionProjection,
  enrolmentProjection,
  attendanceProjection,
  deviceProjection,
  deviceEventProjection,
  loanProjection,
  loanExtensionProjection,
  homeVisitProjection,
  peopleProjection,
  deskConfigProjection,
  appSettingsProjection,
  conflictProjection,
]
