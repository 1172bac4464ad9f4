// Routes (hash routing: Wails serves one index.html, and leaving it loses the bindings).
import { lazy, Suspense } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { FlashProvider } from './lib/flash';
import { RefDataProvider } from './lib/refdata';
import { StartupGate } from './screens/StartupGate';
import { WelcomeGate } from './screens/WelcomeScreen';
import { AboutScreen } from './screens/AboutScreen';
import { HomeScreen } from './screens/HomeScreen';
import { ProjectsScreen } from './screens/ProjectsScreen';
import { ProjectScreen } from './screens/ProjectScreen';
import { ProjectEditScreen } from './screens/ProjectEditScreen';
import { SessionsScreen } from './screens/SessionsScreen';
import { SessionEditScreen } from './screens/SessionEditScreen';
import { SessionScreen } from './screens/SessionScreen';
import { FeedbackEditScreen } from './screens/FeedbackEditScreen';
import { QuickCaptureScreen } from './screens/QuickCaptureScreen';
import { QuickPickScreen } from './screens/QuickPickScreen';
import { SearchScreen } from './screens/SearchScreen';
import { ThemesScreen } from './screens/ThemesScreen';
import { DueScreen } from './screens/retention/DueScreen';
import { BenchmarksScreen } from './screens/benchmarks/BenchmarksScreen';
import { RetentionEditScreen } from './screens/retention/RetentionEditScreen';
import { RetentionScreen } from './screens/retention/RetentionScreen';
import { StandardsFormScreen } from './screens/standards/StandardsFormScreen';
import { StandardsScreen } from './screens/standards/StandardsScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SyncScreen } from './screens/SyncScreen';
import { ConflictsScreen } from './screens/ConflictsScreen';
import { RejectedScreen } from './screens/RejectedScreen';
import { NotFoundScreen } from './screens/NotFoundScreen';
import { SessionReachScreen } from './screens/reach/SessionReachScreen';
import { PeopleScreen } from './screens/people/PeopleScreen';
import { ContributorScreen } from './screens/people/ContributorScreen';
import { ContributorEditScreen } from './screens/people/ContributorEditScreen';
import { TimeEntryEditScreen } from './screens/people/TimeEntryEditScreen';
import { RateCardsScreen } from './screens/people/RateCardsScreen';
import { ConsentNewScreen } from './screens/people/ConsentNewScreen';
import { EraseFeedbackScreen, ErasePersonScreen } from './screens/erasure/EraseScreen';
import { ActionsScreen } from './screens/ActionsScreen';
import { ActionEditScreen } from './screens/ActionEditScreen';
import { YouSaidWeDidScreen } from './screens/YouSaidWeDidScreen';
import { BoardPackScreen } from './screens/BoardPackScreen';
import { OutcomeEditScreen } from './screens/OutcomeEditScreen';
import { ProjectWriteUpScreen } from './screens/ProjectWriteUpScreen';
import { SessionWriteUpScreen } from './screens/SessionWriteUpScreen';
import { Loading } from './components/PageHeading';
import { RoleGate } from './components/Roles';
import { RequestsScreen } from './screens/requests/RequestsScreen';
import { RequestEditScreen } from './screens/requests/RequestEditScreen';
import { KioskGate } from './kiosk/KioskGate';
import { StartKioskScreen } from './kiosk/StartKioskScreen';
import { LockGate } from './lock/LockGate';
import { QuestionSetsScreen } from './screens/questions/QuestionSetsScreen';
import { QuestionSetScreen } from './screens/questions/QuestionSetScreen';
import { TranslateScreen } from './screens/questions/TranslateScreen';
import { ActionTranslateScreen } from './screens/actions/ActionTranslateScreen';
import { PaperFormScreen } from './screens/questions/PaperFormScreen';
import { KioskWordsListScreen, KioskWordsScreen } from './screens/questions/KioskWordsScreen';

// Reports bring the chart library: a chunk of its own, read when Reports is opened.
const ReportsScreen = lazy(() => import('./screens/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomeScreen />} />
        <Route path="projects" element={<ProjectsScreen />} />
        <Route path="projects/new" element={<ProjectEditScreen />} />
        <Route path="projects/:id" element={<ProjectScreen />} />
        <Route path="projects/:id/edit" element={<ProjectEditScreen />} />
        <Route path="sessions" element={<SessionsScreen />} />
        <Route path="sessions/new" element={<SessionEditScreen />} />
        <Route path="sessions/:id" element={<SessionScreen />} />
        <Route path="sessions/:id/edit" element={<SessionEditScreen />} />
        <Route path="sessions/:id/quick" element={<QuickCaptureScreen />} />
        <Route path="sessions/:id/reach" element={<SessionReachScreen />} />
        <Route path="sessions/:id/kiosk" element={<StartKioskScreen />} />
        <Route path="kiosk" element={<Navigate to="/" replace />} />
        <Route path="sessions/:id/feedback/new" element={<FeedbackEditScreen />} />
        <Route path="sessions/:id/feedback/:feedbackId/edit" element={<FeedbackEditScreen />} />
        <Route path="feedback/:id/erase" element={<EraseFeedbackScreen />} />
        <Route path="projects/:id/write-up" element={<ProjectWriteUpScreen />} />
        <Route path="projects/:id/outcomes/new" element={<OutcomeEditScreen />} />
        <Route path="projects/:id/outcomes/:outcomeId/edit" element={<OutcomeEditScreen />} />
        <Route path="sessions/:id/write-up" element={<SessionWriteUpScreen />} />
        <Route path="actions" element={<ActionsScreen />} />
        <Route path="actions/new" element={<ActionEditScreen />} />
        <Route path="actions/:id/edit" element={<ActionEditScreen />} />
        <Route path="you-said-we-did" element={<YouSaidWeDidScreen />} />
        <Route path="board-pack" element={<BoardPackScreen />} />
        <Route path="standards" element={<StandardsScreen />} />
        <Route path="standards/new" element={<StandardsFormScreen />} />
        <Route path="standards/:id" element={<StandardsFormScreen />} />
        <Route path="quick" element={<QuickPickScreen />} />
        <Route path="search" element={<SearchScreen />} />
        <Route path="themes" element={<ThemesScreen />} />
        <Route
          path="reports"
          element={
            <Suspense fallback={<Loading />}>
              <ReportsScreen />
            </Suspense>
          }
        />
        {/* Lived Experience Partners: not on a capture laptop; the register of requests:
            a lead's only (lib/roles.ts). */}
        <Route element={<RoleGate />}>
          <Route path="people" element={<PeopleScreen />} />
          <Route path="people/new" element={<ContributorEditScreen />} />
          <Route path="people/rates" element={<RateCardsScreen />} />
          <Route path="people/:id" element={<ContributorScreen />} />
          <Route path="people/:id/edit" element={<ContributorEditScreen />} />
          <Route path="people/:id/consent/new" element={<ConsentNewScreen />} />
          <Route path="people/:id/erase" element={<ErasePersonScreen />} />
          <Route path="people/:id/time/new" element={<TimeEntryEditScreen />} />
          <Route path="people/:id/time/:entryId/edit" element={<TimeEntryEditScreen />} />
          {/* The register of requests: a lead's laptop only. */}
          <Route path="requests" element={<RequestsScreen />} />
          <Route path="requests/new" element={<RequestEditScreen />} />
          <Route path="requests/:id/edit" element={<RequestEditScreen />} />
        </Route>
        <Route path="question-sets" element={<QuestionSetsScreen />} />
        <Route path="question-sets/new" element={<QuestionSetScreen />} />
        <Route path="question-sets/:id" element={<QuestionSetScreen />} />
        <Route path="question-sets/:id/translate/:lang" element={<TranslateScreen />} />
        <Route path="actions/:id/translate/:lang" element={<ActionTranslateScreen />} />
        <Route path="question-sets/:id/paper" element={<PaperFormScreen />} />
        <Route path="kiosk-words" element={<KioskWordsListScreen />} />
        <Route path="kiosk-words/:lang" element={<KioskWordsScreen />} />
        <Route path="settings" element={<SettingsScreen />} />
        <Route path="settings/retention" element={<RetentionScreen />} />
        <Route path="settings/retention/:kind" element={<RetentionEditScreen />} />
        <Route path="retention/due" element={<DueScreen />} />
        <Route path="benchmarks" element={<BenchmarksScreen />} />
        <Route path="about" element={<AboutScreen />} />
        <Route path="sync" element={<SyncScreen />} />
        <Route path="sync/conflicts" element={<ConflictsScreen />} />
        <Route path="sync/rejected" element={<RejectedScreen />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <StartupGate>
      <WelcomeGate>
        <RefDataProvider>
          <KioskGate>
            <LockGate>
              <FlashProvider>
                <HashRouter>
                  <AppRoutes />
                </HashRouter>
              </FlashProvider>
            </LockGate>
          </KioskGate>
        </RefDataProvider>
      </WelcomeGate>
    </StartupGate>
  );
}
