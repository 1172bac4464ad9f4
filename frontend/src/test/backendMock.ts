// The module that replaces lib/backend.ts in tests:
//   vi.mock('../lib/backend', () => import('../test/backendMock'));
// Every backend call is a vi.fn; the error helpers are the real ones.
import { vi } from 'vitest';
import { Events, type ExportProgress, type SyncStatus } from '../lib/types';

export { toBackendError, isBackendError, fieldErrorMap } from '../lib/errors';

const never = () => new Promise<never>(() => {});

export const getStartupState = vi.fn(never);
export const getAppInfo = vi.fn(never);
export const setUserName = vi.fn(never);
export const getReferenceData = vi.fn(never);
export const restoreBackup = vi.fn(never);
export const quit = vi.fn(never);
export const checkData = vi.fn(never);
export const repairSearchIndex = vi.fn(never);
export const listThemes = vi.fn(never);
export const createTheme = vi.fn(never);
export const renameTheme = vi.fn(never);
export const setThemeArchived = vi.fn(never);
export const listProjects = vi.fn(never);
export const getProject = vi.fn(never);
export const createProject = vi.fn(never);
export const updateProject = vi.fn(never);
export const listSessions = vi.fn(never);
export const getSession = vi.fn(never);
export const createSession = vi.fn(never);
export const updateSession = vi.fn(never);
export const saveSessionNotes = vi.fn(never);
export const deleteSession = vi.fn(never);
export const restoreSession = vi.fn(never);
export const listFeedback = vi.fn(never);
export const createFeedback = vi.fn(never);
export const updateFeedback = vi.fn(never);
export const deleteFeedback = vi.fn(never);
export const restoreFeedback = vi.fn(never);
export const getHome = vi.fn(never);
export const search = vi.fn(never);
export const getSyncStatus = vi.fn(never);
export const connectServer = vi.fn(never);
export const checkCertificateAuthority = vi.fn(never);
export const getTrustedCA = vi.fn(() => Promise.resolve({ present: false, subject: '', fingerprint: '', notAfter: '', certificates: 0 }));
export const removeTrustedCA = vi.fn(never);
export const disconnectServer = vi.fn(never);
export const syncNow = vi.fn(never);
export const listConflicts = vi.fn(never);
export const resolveConflict = vi.fn(never);
export const listRejectedChanges = vi.fn(never);
export const getReport = vi.fn(never);
export const getReachComparison = vi.fn(never);
export const listBenchmarkPopulations = vi.fn(never);
export const importBenchmarkPopulation = vi.fn(never);
export const deleteBenchmarkPopulation = vi.fn(never);
export const getReportQuestions = vi.fn(never);
export const exportWorkbook = vi.fn(never);
export const exportCSV = vi.fn(never);
export const exportSubjectAccess = vi.fn(never);
export const cancelExport = vi.fn(never);
export const openExportedFile = vi.fn(never);
export const showExportedFileInFolder = vi.fn(never);
export const previewYouSaidWeDid = vi.fn(never);
export const publishYouSaidWeDid = vi.fn(never);
export const makeBoardPack = vi.fn(never);
export const listActionPublications = vi.fn(() => Promise.resolve([]));
export const listStandardsAssessments = vi.fn(never);
export const getStandardsAssessment = vi.fn(never);
export const createStandardsAssessment = vi.fn(never);
export const updateStandardsAssessment = vi.fn(never);
export const startKiosk = vi.fn(never);
export const getKioskState = vi.fn(never);
export const getStallName = vi.fn(never);
export const setStallName = vi.fn(never);
export const submitKioskFeedback = vi.fn(never);
export const leaveKiosk = vi.fn(never);
// the lock: no passphrase unless a test says so
const noLock = { hasPassphrase: false, locked: false, idleMinutes: 5, idleSeconds: 300, waitSeconds: 0, needsPassphrase: false, unsentChanges: 0, holdsSealedData: false };
export const getLockState = vi.fn(() => Promise.resolve({ ...noLock }));
export const unlock = vi.fn(never);
export const lock = vi.fn(() => Promise.resolve({ ...noLock }));
export const noteActivity = vi.fn(() => Promise.resolve());
export const setPassphrase = vi.fn(never);
export const removePassphrase = vi.fn(never);
export const setIdleLock = vi.fn(never);
export const onLockChanged = vi.fn((cb: (s: unknown) => void) => onEvent(Events.lock, cb));

export const createAction = vi.fn(never);
export const getAction = vi.fn(never);
export const updateAction = vi.fn(never);
export const deleteAction = vi.fn(never);
export const restoreAction = vi.fn(never);
export const listActions = vi.fn(never);
export const getActionsBoard = vi.fn(never);
export const getPrivacyRegister = vi.fn(never);
export const getPrivacyRequest = vi.fn(never);
export const createPrivacyRequest = vi.fn(never);
export const updatePrivacyRequest = vi.fn(never);
export const exportPrivacyRegister = vi.fn(never);
export const createOutcome = vi.fn(never);
export const updateOutcome = vi.fn(never);
export const deleteOutcome = vi.fn(never);
export const restoreOutcome = vi.fn(never);
export const listOutcomes = vi.fn(never);
export const getProjectWriteUp = vi.fn(never);

export const getSessionReach = vi.fn(never);
export const saveTally = vi.fn(never);
export const setSessionAttendees = vi.fn(never);
export const addAttendeeProfile = vi.fn(never);
export const updateAttendeeProfile = vi.fn(never);
export const deleteAttendeeProfile = vi.fn(never);
export const restoreAttendeeProfile = vi.fn(never);
export const getProjectReach = vi.fn(never);
export const getReach = vi.fn(never);

// Lived Experience Partners
export const getPeopleReference = vi.fn(never);
export const listContributors = vi.fn(never);
export const getContributor = vi.fn(never);
export const createContributor = vi.fn(never);
export const updateContributor = vi.fn(never);
export const listConsents = vi.fn(never);
export const addConsent = vi.fn(never);
export const withdrawConsent = vi.fn(never);
export const withdrawQuoteConsent = vi.fn(never);
export const listRateCards = vi.fn(never);
export const createRateCard = vi.fn(never);
export const getRetentionSchedule = vi.fn(never);
export const setRetentionRule = vi.fn(never);
export const listDueForReview = vi.fn(never);
export const keepUntil = vi.fn(never);
export const previewErasure = vi.fn(never);
export const eraseContributor = vi.fn(never);
export const eraseFeedback = vi.fn(never);
export const updateRateCard = vi.fn(never);
export const deleteRateCard = vi.fn(never);
export const listTimeEntries = vi.fn(never);
export const getTimeEntry = vi.fn(never);
export const createTimeEntry = vi.fn(never);
export const updateTimeEntry = vi.fn(never);
export const deleteTimeEntry = vi.fn(never);
export const previewFee = vi.fn(never);
export const getLEPTotals = vi.fn(never);

/** Handlers registered through onEvent, so tests can emit Go events. */
export const eventHandlers = new Map<string, Set<(payload: unknown) => void>>();
export const onEvent = vi.fn((name: string, cb: (payload: unknown) => void) => {
  if (!eventHandlers.has(name)) eventHandlers.set(name, new Set());
  eventHandlers.get(name)!.add(cb);
  return () => eventHandlers.get(name)?.delete(cb);
});
export function emit(name: string, payload: unknown) {
  for (const cb of eventHandlers.get(name) ?? []) cb(payload);
}
/** Like backend.onSyncStatus: subscribes to "sync:status" (emit it with emit()). */
export const onSyncStatus = vi.fn((cb: (status: SyncStatus) => void) =>
  onEvent(Events.syncStatus, (payload) => cb(payload as SyncStatus)),
);
/** Like backend.onExportProgress: subscribes to "export:progress" (emit it with emit()). */
export const onExportProgress = vi.fn((cb: (p: ExportProgress) => void) =>
  onEvent(Events.exportProgress, (payload) => cb(payload as ExportProgress)),
);
// By default the welcome has been seen (a test of the welcome itself says otherwise).
export const getWelcome = vi.fn(() =>
  Promise.resolve({ show: false, dataDir: '/tmp/d', dbPath: '/tmp/d/involve.db', backupDir: '/tmp/d/backups', version: '0.1.0' }),
);
export const dismissWelcome = vi.fn(never);
export const getThirdPartyLicences = vi.fn(never);
// question sets (issue 15)
export const listQuestionSets = vi.fn(never);
export const getQuestionSet = vi.fn(never);
export const starterQuestionSets = vi.fn(never);
export const createQuestionSet = vi.fn(never);
export const saveQuestionSet = vi.fn(never);
export const setQuestionSetArchived = vi.fn(never);
export const saveTranslation = vi.fn(never);
export const deleteTranslation = vi.fn(never);
export const listKioskWords = vi.fn(never);
export const listActionTranslations = vi.fn(() => Promise.resolve([]));
export const getSessionQuestions = vi.fn(never);
export const createFeedbackWithAnswers = vi.fn(never);
export const listFeedbackAnswers = vi.fn(never);
