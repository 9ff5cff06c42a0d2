import { QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { lazy, Suspense } from 'react'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { AuthGate } from './components/auth-gate.tsx'
import { Loading } from './components/loading.tsx'
import { SectionGuard } from './components/section-guard.tsx'
import { consoleTheme } from './lib/theme.ts'
import { queryClient } from './lib/trpc.ts'

dayjs.locale('zh-cn')

const LoginPage = lazy(() => import('./pages/login-page.tsx'))
const HomePage = lazy(() => import('./pages/home-page.tsx'))
const IntakePage = lazy(() => import('./pages/intake-page.tsx'))
const AppointmentsPage = lazy(() => import('./pages/appointments-page.tsx'))
const TasksPage = lazy(() => import('./pages/tasks-page.tsx'))
const DevicesPage = lazy(() => import('./pages/devices-page.tsx'))
const AuditPage = lazy(() => import('./pages/audit-page.tsx'))
const WartimePage = lazy(() => import('./pages/wartime-page.tsx'))
const ActivationPage = lazy(() => import('./pages/activation-page.tsx'))
const WartimeHistoryPage = lazy(() => import('./pages/wartime-history-page.tsx'))
const StaffLeavePage = lazy(() => import('./pages/staff-leave-page.tsx'))
const MediationPage = lazy(() => import('./pages/mediation-page.tsx'))
const LegalAidPage = lazy(() => import('./pages/legal-aid-page.tsx'))
const LegalityReviewPage = lazy(() => import('./pages/legality-review-page.tsx'))
const LegalEducationPage = lazy(() => import('./pages/legal-education-page.tsx'))
const CorrectionsPage = lazy(() => import('./pages/corrections-page.tsx'))
const SuperviseePage = lazy(() => import('./pages/supervisee-page.tsx'))
const ResettlementPage = lazy(() => import('./pages/resettlement-page.tsx'))
const ReleaseePage = lazy(() => import('./pages/releasee-page.tsx'))
const DeadlineRulesPage = lazy(() => import('./pages/deadline-rules-page.tsx'))
const UsersPage = lazy(() => import('./pages/users-page.tsx'))
const SessionsPage = lazy(() => import('./pages/sessions-page.tsx'))
const LoginLogPage = lazy(() => import('./pages/login-log-page.tsx'))
const SettingsPage = lazy(() => import('./pages/settings-page.tsx'))
const AccountPage = lazy(() => import('./pages/account-page.tsx'))
const VehiclesPage = lazy(() => import('./pages/vehicles-page.tsx'))
const BudgetPage = lazy(() => import('./pages/budget-page.tsx'))
const AssessmentPage = lazy(() => import('./pages/assessment-page.tsx'))
const OversightPage = lazy(() => import('./pages/oversight-page.tsx'))
const NotFoundPage = lazy(() => import('./pages/not-found-page.tsx'))

const router = createBrowserRouter(
  [
    {
      path: 'login',
      element: (
        <Suspense fallback={<Loading fullPage />}>
          <LoginPage />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: <AuthGate />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'intake', element: <SectionGuard section="intake" page={<IntakePage />} /> },
        {
          path: 'appointments',
          element: <SectionGuard section="appointments" page={<AppointmentsPage />} />,
        },
        { path: 'tasks', element: <SectionGuard section="tasks" page={<TasksPage />} /> },
        { path: 'devices', element: <SectionGuard section="devices" page={<DevicesPage />} /> },
        { path: 'audit', element: <SectionGuard section="audit" page={<AuditPage />} /> },
        { path: 'wartime', element: <SectionGuard section="wartime" page={<WartimePage />} /> },
        {
          path: 'wartime/history',
          element: <SectionGuard section="wartime" page={<WartimeHistoryPage />} />,
        },
        { path: 'wartime/leave', element: <SectionGuard section="wartime" page={<StaffLeavePage />} /> },
        { path: 'wartime/:id', element: <SectionGuard section="wartime" page={<ActivationPage />} /> },
        { path: 'mediation', element: <SectionGuard section="mediation" page={<MediationPage />} /> },
        { path: 'legal-aid', element: <SectionGuard section="legalAid" page={<LegalAidPage />} /> },
        {
          path: 'legality-review',
          element: <SectionGuard section="legalityReview" page={<LegalityReviewPage />} />,
        },
        {
          path: 'legal-education',
          element: <SectionGuard section="legalEducation" page={<LegalEducationPage />} />,
        },
        { path: 'corrections', element: <SectionGuard section="corrections" page={<CorrectionsPage />} /> },
        {
          path: 'corrections/:id',
          element: <SectionGuard section="corrections" page={<SuperviseePage />} />,
        },
        {
          path: 'resettlement',
          element: <SectionGuard section="resettlement" page={<ResettlementPage />} />,
        },
        {
          path: 'resettlement/:id',
          element: <SectionGuard section="resettlement" page={<ReleaseePage />} />,
        },
        {
          path: 'deadline-rules',
          element: <SectionGuard section="deadlineRules" page={<DeadlineRulesPage />} />,
        },
        { path: 'users', element: <SectionGuard section="users" page={<UsersPage />} /> },
        { path: 'sessions', element: <SectionGuard section="sessions" page={<SessionsPage />} /> },
        { path: 'login-log', element: <SectionGuard section="loginLog" page={<LoginLogPage />} /> },
        { path: 'settings', element: <SectionGuard section="settings" page={<SettingsPage />} /> },
        { path: 'account', element: <AccountPage /> },
        { path: 'vehicles', element: <SectionGuard section="vehicles" page={<VehiclesPage />} /> },
        { path: 'budget', element: <SectionGuard section="budget" page={<BudgetPage />} /> },
        { path: 'assessment', element: <SectionGuard section="assessment" page={<AssessmentPage />} /> },
        { path: 'oversight', element: <SectionGuard section="oversight" page={<OversightPage />} /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/admin' },
)

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      // antd puts a space between two CJK characters on buttons ("登 录"); the accessible names
      // the browser tests use are the plain words.
      button={{ autoInsertSpace: false }}
      theme={consoleTheme}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}
