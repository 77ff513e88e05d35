import { createRouter, createWebHistory, type Router, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import { FORM_PATH } from './early-form/keep-frame'
import { useAuthStore } from './stores/auth'
import { whenDataLayer } from './stores/data'
import { useLockStore } from './stores/lock'

/*
 * Every page is its own chunk, loaded when it is first opened (from the service worker's precache,
 * so offline too): the app shell starts without the code of pages it does not show. After an
 * update the new service worker drops the old version's files; a tab still running the old version
 * then fails to load a page it had not opened yet, and `reloadOnStaleChunk` below reloads it into
 * the new version.
 */
const AuthSignInView = () => import('./features/auth/AuthSignInView.vue')
const HomeView = () => import('./features/home/HomeView.vue')
const ReviewSessionsView = () => import('./features/review/ReviewSessionsView.vue')
const InboxView = () => import('./features/inbox/InboxView.vue')
const InboxConflictView = () => import('./features/inbox/InboxConflictView.vue')
const InboxMergeView = () => import('./features/inbox/InboxMergeView.vue')
const DashboardView = () => import('./features/dashboard/DashboardView.vue')
const ReportView = () => import('./features/report/ReportView.vue')
const AccountsView = () => import('./features/accounts/AccountsView.vue')
const PrivacyView = () => import('./features/privacy/PrivacyView.vue')
const SessionsNewView = () => import('./features/sessions/SessionsNewView.vue')
const LendingDeviceNewView = () => import('./features/lending/LendingDeviceNewView.vue')
const LendingDevicesView = () => import('./features/lending/LendingDevicesView.vue')
const LendingDeviceView = () => import('./features/lending/LendingDeviceView.vue')
const LendingHandoverView = () => import('./features/lending/LendingHandoverView.vue')
const LendingLabelsView = () => import('./features/lending/LendingLabelsView.vue')
const LendingLoanView = () => import('./features/lending/LendingLoanView.vue')
const LendingOverdueView = () => import('./features/lending/LendingOverdueView.vue')
const SessionsEditView = () => import('./features/sessions/SessionsEditView.vue')
const AuthPinSetupView = () => import('./features/auth/AuthPinSetupView.vue')
const LockView = () => import('./features/lock/LockView.vue')
const SettingsView = () => import('./features/settings/SettingsView.vue')
const SettingsDeskView = () => import('./features/settings-desk/SettingsDeskView.vue')
const ClassesCertificateView = () => import('./features/classes/ClassesCertificateView.vue')
const ClassesParticipantView = () => import('./features/classes/ClassesParticipantView.vue')
const ClassesCourseNewView = () => import('./features/classes/ClassesCourseNewView.vue')
const ClassesCourseView = () => import('./features/classes/ClassesCourseView.vue')
const ClassesListView = () => import('./features/classes/ClassesListView.vue')
const ClassesRollCallView = () => import('./features/classes/ClassesRollCallView.vue')

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
    /**
     * Opens before the data layer has loaded (a cold start draws it from the start snapshot):
     * its stores wait for the data layer themselves. Other pages wait for it in the router.
     */
    early?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'app.home', early: true } },
  { path: '/aanmelden', name: 'sign-in', component: AuthSignInView, meta: { title: 'auth.title', public: true } },
  { path: FORM_PATH, name: 'session-new', component: SessionsNewView, meta: { title: 'sessions.new', early: true } },
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
  { path: '/instellingen/digibank', name: 'settings-app', component: () => import('./features/settings-app/SettingsAppView.vue'), meta: { title: 'appSettings.title', coordinator: true } },
  { path: '/logboek', name: 'audit', component: () => import('./features/audit/AuditView.vue'), meta: { title: 'audit.title', coordinator: true } },
  { path: '/lessen', name: 'classes', component: ClassesListView, meta: { title: 'classes.title' } },
  { path: '/lessen/nieuw', name: 'course-new', component: ClassesCourseNewView, meta: { title: 'classes.newCourse' } },
  { path: '/lessen/:courseId', name: 'course', component: ClassesCourseView, meta: { title: 'classes.title' } },
  { path: '/lessen/:courseId/les/:sessionId', name: 'roll-call', component: ClassesRollCallView, meta: { title: 'classes.rollCall' } },
  { path: '/lessen/:courseId/attest/:personId', name: 'certificate', component: ClassesCertificateView, meta: { title: 'classes.certTitle' } },
  { path: '/lessen/deelnemer/:personId', name: 'participant', component: ClassesParticipantView, meta: { title: 'classes.followed.page' } },
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
    // The profile kept on the device (or the start snapshot of it) is read before the first page decides anything.
    await auth.known()
    if (!to.meta.early)
      await whenDataLayer()
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
  reloadOnStaleChunk(router)

  return router
}

/**
 * Starts loading the code of the page at `path` at once, so it arrives while the data layer loads
 * instead of after the first guard has read the profile. A redirect only wastes the early load.
 */
export function preloadPage(router: Router, path: string): void {
  load(router.resolve(path).matched)
}

/** Loads the code of every page (see `main.ts`: only while no service worker serves the app yet). */
export function preloadAllPages(router: Router): void {
  load(router.getRoutes())
}

function load(records: Array<{ components?: Record<string, unknown> | null }>): void {
  for (const record of records) {
    const view = record.components?.default
    if (typeof view === 'function')
      void (view as () => Promise<unknown>)()
  }
}

const STALE_KEY = 'digibalie.staleChunkReload'

/**
 * A page whose chunk cannot be loaded belongs to a version the service worker has replaced: load
 * the app again at that page, which starts the new version. Once per page, so a chunk that is
 * really missing shows the error instead of reloading forever.
 */
function reloadOnStaleChunk(router: Router): void {
  if (typeof window === 'undefined' || typeof sessionStorage === 'undefined')
    return
  router.onError((error: unknown, to) => {
    const message = error instanceof Error ? error.message : String(error)
    if (!/dynamically imported module|module script failed|Unable to preload/i.test(message))
      return
    if (sessionStorage.getItem(STALE_KEY) === to.fullPath)
      return
    sessionStorage.setItem(STALE_KEY, to.fullPath)
    window.location.assign(to.fullPath)
  })
  router.afterEach((_to, _from, failure) => {
    if (!failure)
      sessionStorage.removeItem(STALE_KEY)
  })
}
