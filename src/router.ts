import { createRouter, createWebHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import AuthSignInView from './features/auth/AuthSignInView.vue'
import HomeView from './features/home/HomeView.vue'
import ReviewSessionsView from './features/review/ReviewSessionsView.vue'
import InboxView from './features/inbox/InboxView.vue'
import InboxConflictView from './features/inbox/InboxConflictView.vue'
import InboxMergeView from './features/inbox/InboxMergeView.vue'
import DashboardView from './features/dashboard/DashboardView.vue'
import ReportView from './features/report/ReportView.vue'
import AccountsView from './features/accounts/AccountsView.vue'
import PrivacyView from './features/privacy/PrivacyView.vue'
import SessionsNewView from './features/sessions/SessionsNewView.vue'
import LendingDeviceNewView from './features/lending/LendingDeviceNewView.vue'
import LendingDevicesView from './features/lending/LendingDevicesView.vue'
import LendingDeviceView from './features/lending/LendingDeviceView.vue'
import LendingHandoverView from './features/lending/LendingHandoverView.vue'
import LendingLabelsView from './features/lending/LendingLabelsView.vue'
import LendingLoanView from './features/lending/LendingLoanView.vue'
import LendingOverdueView from './features/lending/LendingOverdueView.vue'
import SessionsEditView from './features/sessions/SessionsEditView.vue'
import AuthPinSetupView from './features/auth/AuthPinSetupView.vue'
import LockView from './features/lock/LockView.vue'
import SettingsView from './features/settings/SettingsView.vue'
import SettingsDeskView from './features/settings-desk/SettingsDeskView.vue'
import ClassesCertificateView from './features/classes/ClassesCertificateView.vue'
import ClassesParticipantView from './features/classes/ClassesParticipantView.vue'
import ClassesCourseNewView from './features/classes/ClassesCourseNewView.vue'
import ClassesCourseView from './features/classes/ClassesCourseView.vue'
import ClassesListView from './features/classes/ClassesListView.vue'
import ClassesRollCallView from './features/classes/ClassesRollCallView.vue'
import { useAuthStore } from './stores/auth'
import { useLockStore } from './stores/lock'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title. */
    title?: string
    /** Reachable without a signed-in profile. */
    public?: boolean
    /** Only for coordinators (and admins). */
    coordinator?: boolean
    /** The lock screen: the one page a locked tablet shows. */
    lockScreen?: boolean
  }
}

/*
 * Views are imported up front, not lazily: after an update the service worker drops the old
 * version's files, and a tab still running that version would then fail to load a lazy page.
 */
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'app.home' } },
  { path: '/aanmelden', name: 'sign-in', component: AuthSignInView, meta: { title: 'auth.title', public: true } },
  { path: '/hulpvraag/nieuw', name: 'session-new', component: SessionsNewView, meta: { title: 'sessions.new' } },
  { path: '/hulpvraag/:id', name: 'session-edit', component: SessionsEditView, meta: { title: 'desk.form.edit' } },
  { path: '/overzicht', name: 'review', component: ReviewSessionsView, meta: { title: 'coordinator.nav.review', coordinator: true } },
  { path: '/aandacht', name: 'inbox', component: InboxView, meta: { title: 'coordinator.nav.inbox', coordinator: true } },
  { path: '/aandacht/conflict/:db/:id', name: 'inbox-conflict', component: InboxConflictView, meta: { title: 'coordinator.conflict.title', coordinator: true } },
  { path: '/aandacht/samenvoegen/:a/:b', name: 'inbox-merge', component: InboxMergeView, meta: { title: 'coordinator.merge.title', coordinator: true } },
  { path: '/dashboard', name: 'dashboard', component: DashboardView, meta: { title: 'coordinator.nav.dashboard', coordinator: true } },
  { path: '/rapport', name: 'report', component: ReportView, meta: { title: 'coordinator.nav.report', coordinator: true } },
  { path: '/accounts', name: 'accounts', component: AccountsView, meta: { title: 'coordinator.nav.accounts', coordinator: true } },
  { path: '/privacy/:personId', name: 'privacy', component: PrivacyView, meta: { title: 'privacy.title', coordinator: true } },
  { path: '/uitlenen', name: 'lending', component: LendingDevicesView, meta: { title: 'lending.title' } },
  { path: '/uitlenen/toestel/nieuw', name: 'lending-device-new', component: LendingDeviceNewView, meta: { title: 'lending.newDevice' } },
  { path: '/uitlenen/toestel/:tag', name: 'lending-device', component: LendingDeviceView, meta: { title: 'lending.give.device' } },
  { path: '/uitlenen/uitlenen', name: 'lending-handover', component: LendingHandoverView, meta: { title: 'lending.give.title' } },
  { path: '/uitlenen/lening/:id', name: 'lending-loan', component: LendingLoanView, meta: { title: 'lending.loan.title' } },
  { path: '/uitlenen/te-laat', name: 'lending-overdue', component: LendingOverdueView, meta: { title: 'lending.overdueList.title' } },
  { path: '/uitlenen/labels', name: 'lending-labels', component: LendingLabelsView, meta: { title: 'lending.labelSheet.title' } },
  { path: '/vergrendeld', name: 'lock', component: LockView, meta: { title: 'trust.lock.title', lockScreen: true } },
  { path: '/pincode', name: 'pin', component: AuthPinSetupView, meta: { title: 'trust.pin.title' } },
  { path: '/instellingen', name: 'settings', component: SettingsView, meta: { title: 'trust.settings.title' } },
  { path: '/instellingen/balie', name: 'settings-desk', component: SettingsDeskView, meta: { title: 'desk.config.title', coordinator: true } },
  { path: '/lessen', name: 'classes', component: ClassesListView, meta: { title: 'classes.title' } },
  { path: '/lessen/nieuw', name: 'course-new', component: ClassesCourseNewView, meta: { title: 'classes.newCourse' } },
  { path: '/lessen/:courseId', name: 'course', component: ClassesCourseView, meta: { title: 'classes.title' } },
  { path: '/lessen/:courseId/les/:sessionId', name: 'roll-call', component: ClassesRollCallView, meta: { title: 'classes.rollCall' } },
  { path: '/lessen/:courseId/attest/:personId', name: 'certificate', component: ClassesCertificateView, meta: { title: 'classes.certTitle' } },
  { path: '/lessen/deelnemer/:personId', name: 'participant', component: ClassesParticipantView, meta: { title: 'classes.followed.page' } },
  { path: '/instellingen/digibank', name: 'settings-app', component: () => import('./features/settings-app/SettingsAppView.vue'), meta: { title: 'appSettings.title', coordinator: true } },
  { path: '/logboek', name: 'audit', component: () => import('./features/audit/AuditView.vue'), meta: { title: 'audit.title', coordinator: true } },
  { path: '/:rest(.*)*', redirect: '/' },
]

/**
 * History mode: the service worker answers every navigation with the app shell, so a deep link
 * opens offline too. Tests pass a memory history.
 */
export function createAppRouter(history: RouterHistory = createWebHistory()) {
  const router = createRouter({ history, routes })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    // The profile kept on the device is read once, before the first page decides anything.
    await auth.restore()
    // A locked tablet (or one whose last user signed out while others are remembered) shows only
    // the lock screen and the password sign-in: no names of residents, no lists.
    const lock = useLockStore()
    const closed = lock.locked || !auth.profile
    const canUnlock = lock.staff.length > 0
    if (to.meta.lockScreen)
      return closed && canUnlock ? true : { path: closed ? '/aanmelden' : '/' }
    if (to.meta.public)
      return !closed && !to.query.opnieuw ? { path: '/' } : true
    if (closed && canUnlock)
      return { path: '/vergrendeld' }
    if (closed)
      return { path: '/aanmelden', query: to.fullPath === '/' ? {} : { naar: to.fullPath } }
    if (to.meta.coordinator && !auth.coordinator)
      return { path: '/' }
    return true
  })

  return router
}
