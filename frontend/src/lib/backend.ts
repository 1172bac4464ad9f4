// The only module that talks to Go. Every screen imports this, never wailsjs.
// Each wrapper calls a bound Go method through call(), which takes its arguments and
// its answer's type from the generated signature (wailsjs/go/desktop/App.d.ts) and
// rejects with a normalised BackendError (see errors.ts). Go sends every list as []
// (app/desktop/lists.go); the few normalisers left turn Go's absent optional fields
// into the null or "" the screens expect.
import * as App from '../../wailsjs/go/desktop/App';
import type { involve } from '../../wailsjs/go/models';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { toBackendError } from './errors';
import type { BenchmarkImport, BenchmarkList, BenchmarkPopulation, ReachComparison } from './benchmarks';
import type {
  Action,
  ActionFilter,
  ActionView,
  ActionsBoard,
  Outcome,
  PrivacyRegister,
  PrivacyRequest,
  PrivacyRequestView,
  WriteUp,
  AppInfo,
  ConflictResolution,
  ConflictView,
  DataCheck,
  TrustedCA,
  ExportProgress,
  ExportResult,
  ActionPublication,
  BoardPackFormat,
  BoardPackResult,
  PublishRequest,
  PublishResult,
  YouSaidWeDidPreview,
  SubjectAccessResult,
  Feedback,
  FeedbackInput,
  Home,
  KioskFeedbackInput,
  KioskReceipt,
  KioskState,
  LockState,
  NotesSaved,
  Project,
  ProjectInput,
  ReferenceData,
  RejectedChange,
  ReportFigures,
  ReportFilter,
  ReportBreakdownRequest,
  ReportQuestionFigures,
  ReadsFromGo,
  RetentionEntry,
  RetentionRuleInput,
  DueList,
  ErasureResult,
  ErasureSummary,
  RetentionHoldInput,
  SearchAnswer,
  Session,
  SessionFilter,
  SessionInput,
  SessionSummary,
  StartupState,
  SyncStatus,
  Theme,
  ThirdPartyLicences,
  Welcome,
  Wire,
} from './types';
import { Events } from './types';
import {
  normSessionReach,
  normTallySaved,
  type Attendee,
  type ReachSummary,
  type SessionReach,
  type Tally,
  type TallySaved,
} from './reach';
import type {
  Consent,
  ConsentInput,
  ContributorInput,
  ContributorView,
  FeePreview,
  LEPTotal,
  LEPTotals,
  PeopleReference,
  RateCard,
  RateCardInput,
  TimeEntry,
  TimeEntryInput,
  TimeEntryView,
} from './types';

import type {
  QuestionSet,
  QuestionSetSaved,
  QuestionSetSummary,
  QuestionSetView,
  Response,
  ResponseInput,
  SessionQuestions,
  Translation,
} from './questions';
import type { StandardsAssessment, StandardsAssessmentInput, StandardsOverview } from './standards';

export { toBackendError, isBackendError, fieldErrorMap } from './errors';

type Bound = typeof App;
type Method = keyof Bound;

/** A value as Go decodes it from JSON: the generated class's fields, any of them left
 * out (Go fills in zero values) and null where Go's field is optional. */
type Input<T> = T extends readonly (infer U)[]
  ? Input<U>[]
  : T extends object
    ? { [K in keyof T]?: Input<T[K]> | (undefined extends T[K] ? null : never) }
    : T;

/** The arguments of a bound method, from its generated signature. */
type Args<M extends Method> =
  Parameters<Bound[M]> extends infer P extends unknown[] ? { [I in keyof P]: Input<Wire<P[I]>> } : never;

/** The answer of a bound method, from its generated signature. */
type Answer<M extends Method> = Awaited<ReturnType<Bound[M]>>;

/**
 * Calls the bound Go method `method`. The answer has the type the wrapper declares
 * (T, inferred from the wrapper's return type) only when every field of T is in the
 * generated answer with the same kind of value (types.ts's ReadsFromGo; string unions
 * and null aside); otherwise the answer's type names the fields that differ and the
 * wrapper does not compile. The one cast is here, below that check.
 */
async function call<M extends Method, T = Wire<Answer<M>>>(
  method: M,
  ...args: Args<M>
): Promise<ReadsFromGo<T, Answer<M>> extends true ? T : { differsFromGo: ReadsFromGo<T, Answer<M>> }> {
  try {
    const fn = App[method] as (...a: unknown[]) => Promise<never>;
    return await fn(...args);
  } catch (e) {
    throw toBackendError(e);
  }
}

// Go leaves an optional field out when it has no value; the screens expect null or "".
function normFeedback(f: Wire<involve.Feedback>): Feedback {
  return { ...f, rating: f.rating ?? null };
}

// ---- app ----
export const getStartupState = (): Promise<StartupState> => call('GetStartupState');
export const getAppInfo = (): Promise<AppInfo> => call('GetAppInfo');
export const setUserName = (name: string): Promise<AppInfo> => call('SetUserName', name);
export const getReferenceData = (): Promise<ReferenceData> => call('GetReferenceData');
export const restoreBackup = (name: string): Promise<StartupState> => call('RestoreBackup', name);
export const quit = (): Promise<void> => call('Quit');
/** Checks this laptop's data as `involve check` does. */
export const checkData = (): Promise<DataCheck> => call('CheckData');
/** Rebuilds a damaged search index from the records (`involve check --repair`), then checks again. */
export const repairSearchIndex = (): Promise<DataCheck> => call('RepairSearchIndex');

// ---- themes ----
export const listThemes = (includeArchived: boolean): Promise<Theme[]> => call('ListThemes', includeArchived);
export const createTheme = (label: string): Promise<Theme> => call('CreateTheme', label);
export const renameTheme = (id: string, label: string): Promise<Theme> => call('RenameTheme', id, label);
export const setThemeArchived = (id: string, archived: boolean): Promise<Theme> =>
  call('SetThemeArchived', id, archived);

// ---- projects ----
export const listProjects = (): Promise<Project[]> => call('ListProjects');
export const getProject = (id: string): Promise<Project> => call('GetProject', id);
export const createProject = (input: ProjectInput): Promise<Project> => call('CreateProject', input);
/** Saves an edit form: `loaded` is the input as the form received it, `edited` what the
 * person saved; Go writes only the fields that differ, so a change the background sync
 * pulled while the form was open is kept. */
export const updateProject = (id: string, loaded: ProjectInput, edited: ProjectInput): Promise<Project> =>
  call('UpdateProject', id, loaded, edited);

// ---- sessions ----
export type { SessionFilter } from './types';
export const listSessions = (filter: SessionFilter): Promise<SessionSummary[]> => call('ListSessions', filter);
export const getSession = (id: string): Promise<Session> => call('GetSession', id);
export const createSession = (input: SessionInput): Promise<Session> => call('CreateSession', input);
/** Saves an edit form: `loaded` is the input as the form received it, `edited` what the
 * person saved; Go writes only the fields that differ, so a change the background sync
 * pulled while the form was open is kept. */
export const updateSession = (id: string, loaded: SessionInput, edited: SessionInput): Promise<Session> =>
  call('UpdateSession', id, loaded, edited);
export const saveSessionNotes = (id: string, notes: string): Promise<NotesSaved> =>
  call('SaveSessionNotes', id, notes);
export const deleteSession = (id: string): Promise<void> => call('DeleteSession', id);
export const restoreSession = (id: string): Promise<Session> => call('RestoreSession', id);

// ---- feedback ----
export const listFeedback = (sessionId: string) =>
  call('ListFeedback', sessionId).then((fs) => fs.map(normFeedback));
export const createFeedback = (input: FeedbackInput) => call('CreateFeedback', input).then(normFeedback);
/** Saves an edit form: `loaded` is the input as the form received it, `edited` what the
 * person saved; Go writes only the fields that differ, so a change the background sync
 * pulled while the form was open is kept. */
export const updateFeedback = (id: string, loaded: FeedbackInput, edited: FeedbackInput) =>
  call('UpdateFeedback', id, loaded, edited).then(normFeedback);
export const deleteFeedback = (id: string): Promise<void> => call('DeleteFeedback', id);
export const restoreFeedback = (id: string) => call('RestoreFeedback', id).then(normFeedback);

// ---- home and search ----
export const getHome = (): Promise<Home> => call('GetHome');
/** The hits for a query and, for a misspelt word, the corrected query (`didYouMean`, '' if none). */
export const search = (query: string, limit: number): Promise<SearchAnswer> => call('Search', query, limit);

// ---- sync with the team's server ----
export const getSyncStatus = (): Promise<SyncStatus> => call('GetSyncStatus');
/** caPEM: the team's own certificate authority (PEM), or '' for the system's. */
export const connectServer = (url: string, code: string, caPEM = ''): Promise<SyncStatus> =>
  call('ConnectServer', url, code, caPEM);
/** Checks a certificate authority's PEM and describes it; nothing is stored. */
export const checkCertificateAuthority = (caPEM: string): Promise<TrustedCA> => call('CheckCertificateAuthority', caPEM);
export const getTrustedCA = (): Promise<TrustedCA> => call('GetTrustedCA');
export const removeTrustedCA = (): Promise<TrustedCA> => call('RemoveTrustedCA');
export const disconnectServer = (): Promise<SyncStatus> => call('DisconnectServer');
/** Runs one sync; resolves with the status when it has finished (may take seconds). */
export const syncNow = (): Promise<SyncStatus> => call('SyncNow');
/** Open conflicts first. */
export const listConflicts = (): Promise<ConflictView[]> => call('ListConflicts');
/** valueJSON only for "combined": the new value as JSON text of the field's type. */
export const resolveConflict = (id: string, resolution: ConflictResolution, valueJSON = ''): Promise<ConflictView> =>
  call('ResolveConflict', id, resolution, valueJSON);
export const listRejectedChanges = (): Promise<RejectedChange[]> => call('ListRejectedChanges');

// ---- reports and exports ----
// report.Count and report.Percent marshal as {value, text}: types.ts's check reads
// them as ReportCount and ReportPercent (see there).
export const getReport = (f: ReportFilter): Promise<ReportFigures> => call('GetReport', f);
/** The Reports screen's Questions section: per question results and one breakdown. */
export const getReportQuestions = (f: ReportFilter, bd: ReportBreakdownRequest): Promise<ReportQuestionFigures> =>
  call('GetReportQuestions', f, bd);
/** The reach of the filter against a benchmark population (the Reports screen's reach). */
export const getReachComparison = (f: ReportFilter, benchmarkId: string): Promise<ReachComparison> =>
  call('GetReachComparison', f, benchmarkId);
/** The benchmark populations and the dimensions the import form offers. */
export const listBenchmarkPopulations = (): Promise<BenchmarkList> => call('ListBenchmarkPopulations');
/** Stores a benchmark from the form and the chosen file's text (a lead laptop only). */
export const importBenchmarkPopulation = (b: BenchmarkImport): Promise<BenchmarkPopulation> => call('ImportBenchmarkPopulation', b);
export const deleteBenchmarkPopulation = (id: string): Promise<void> => call('DeleteBenchmarkPopulation', id);
/** Asks where to save (a save dialog), then writes the workbook; progress comes as
 * "export:progress" events. Resolves with cancelled: true if the person cancelled. */
export const exportWorkbook = (f: ReportFilter): Promise<ExportResult> => call('ExportWorkbook', f);
/** Asks for a folder, then writes one CSV file per sheet. */
export const exportCSV = (f: ReportFilter): Promise<ExportResult> => call('ExportCSV', f);
/** "Everything about this person" (a lead's laptop): gathers the partner's records, asks
 * for a folder, then writes an HTML page and a JSON file. cancelled: the dialog was closed. */
export const exportSubjectAccess = (contributorId: string): Promise<SubjectAccessResult> =>
  call('ExportSubjectAccess', contributorId);
/** Stops the export that is running (it then resolves with cancelled: true). */
export const cancelExport = (): Promise<void> => call('CancelExport');
/** Opens a file exported in this session (the workbook, a CSV file) with the computer's
 * program for it. Go refuses any other path. */
export const openExportedFile = (path: string): Promise<void> => call('OpenExportedFile', path);
/** Opens the folder of a file exported in this session (the file selected where the
 * system can). Go refuses any other path. */
export const showExportedFileInFolder = (path: string): Promise<void> => call('ShowExportedFileInFolder', path);

// ---- "you said, we did" (app/publish) ----
/** The done actions of a filter that may be published, as the public would read them. */
export const previewYouSaidWeDid = (f: ReportFilter): Promise<YouSaidWeDidPreview> => call('PreviewYouSaidWeDid', f);
/** Checks the form (invalid, with field errors), asks where to save, writes the file and
 * records the publication: the actions become published and communicated back.
 * cancelled: the Save dialog was closed (nothing made or recorded). */
export const publishYouSaidWeDid = (r: PublishRequest): Promise<PublishResult> => call('PublishYouSaidWeDid', r);
/** Makes the board pack of a filter (a period, a project or the whole team) as a PDF or
 * a Word document, then asks where to save it. invalid (with field errors) for a bad
 * filter or format; cancelled: the Save dialog was closed (nothing written). */
export const makeBoardPack = (f: ReportFilter, format: BoardPackFormat): Promise<BoardPackResult> =>
  call('MakeBoardPack', f, format);
/** For each published action, the latest publication it was in (the board's cards). */
export const listActionPublications = (): Promise<ActionPublication[]> => call('ListActionPublications');

// ---- the register of information-rights requests (a lead's laptop) ----
/** The register: overdue first, then due soon, other open requests, then done or refused. */
export const getPrivacyRegister = (): Promise<PrivacyRegister> => call('GetPrivacyRegister');
export const getPrivacyRequest = (id: string): Promise<PrivacyRequestView> => call('GetPrivacyRequest', id);
export const createPrivacyRequest = (r: PrivacyRequest): Promise<PrivacyRequestView> => call('CreatePrivacyRequest', r);
export const updatePrivacyRequest = (id: string, loaded: PrivacyRequest, edited: PrivacyRequest): Promise<PrivacyRequestView> =>
  call('UpdatePrivacyRequest', id, loaded, edited);
/** Asks where to save (Save as…), then writes the register as a CSV file. */
export const exportPrivacyRegister = (): Promise<ExportResult> => call('ExportPrivacyRegister');

// ---- kiosk mode ----
/** Turns kiosk mode on for a session; pin (4–8 digits) is needed to leave it. */
export const startKiosk = (sessionId: string, pin: string): Promise<KioskState> => call('StartKiosk', sessionId, pin);
export const getKioskState = (): Promise<KioskState> => call('GetKioskState');
export const submitKioskFeedback = (input: KioskFeedbackInput): Promise<KioskReceipt> =>
  call('SubmitKioskFeedback', input);
/** Leaves kiosk mode with the staff PIN (a wrong one rejects with code "unauthorized"). */
export const leaveKiosk = (pin: string): Promise<KioskState> => call('LeaveKiosk', pin);
/** The organisation or team name the kiosk shows the public ("" when not set). */
export const getStallName = (): Promise<string> => call('GetStallName');
export const setStallName = (name: string): Promise<string> => call('SetStallName', name);

// ---- the app lock (Go refuses every record method while locked) ----
export const getLockState = (): Promise<LockState> => call('GetLockState');
/** Unlocks (a wrong passphrase rejects with code "unauthorized" on field "passphrase"). */
export const unlock = (passphrase: string): Promise<LockState> => call('Unlock', passphrase);
export const lock = (): Promise<LockState> => call('Lock');
/** Tells Go the person is using the window, so that its own idle deadline moves on. */
export const noteActivity = (): Promise<void> => call('NoteActivity');
/** Sets (current "") or changes the passphrase. */
export const setPassphrase = (current: string, next: string): Promise<LockState> => call('SetPassphrase', current, next);
export const removePassphrase = (current: string): Promise<LockState> => call('RemovePassphrase', current);
export const setIdleLock = (minutes: number): Promise<LockState> => call('SetIdleLock', minutes);
/** Subscribes to "lock:changed" (Go locked, for example after its own idle deadline). */
export const onLockChanged = (cb: (s: LockState) => void): (() => void) =>
  onEvent<LockState>(Events.lock, (s) => {
    if (s && typeof s === 'object') cb(s);
  });

// ---- "you said, we did" actions, outcomes and the GRIPP2 write-up ----
/** Creates an action; with feedbackIds and no sessionId/projectId, Go files it under
 * the feedback's session and project. */
export const createAction = (a: Action): Promise<ActionView> => call('CreateAction', a);
export const getAction = (id: string): Promise<ActionView> => call('GetAction', id);
/** Saves an edit form (`loaded` as received, `edited` as saved): only changed fields are written. */
export const updateAction = (id: string, loaded: Action, edited: Action): Promise<ActionView> =>
  call('UpdateAction', id, loaded, edited);
export const deleteAction = (id: string): Promise<void> => call('DeleteAction', id);
export const restoreAction = (id: string): Promise<ActionView> => call('RestoreAction', id);
export const listActions = (f: Partial<ActionFilter>): Promise<ActionView[]> =>
  call('ListActions', { status: '', projectId: '', sessionId: '', feedbackId: '', ...f });
/** projectId "" = every project. */
export const getActionsBoard = (projectId = ''): Promise<ActionsBoard> => call('GetActionsBoard', projectId);
export const createOutcome = (o: Outcome): Promise<Outcome> => call('CreateOutcome', o);
export const updateOutcome = (id: string, loaded: Outcome, edited: Outcome): Promise<Outcome> =>
  call('UpdateOutcome', id, loaded, edited);
export const deleteOutcome = (id: string): Promise<void> => call('DeleteOutcome', id);
export const restoreOutcome = (id: string): Promise<Outcome> => call('RestoreOutcome', id);
export const listOutcomes = (projectId: string): Promise<Outcome[]> => call('ListOutcomes', projectId);
export const getProjectWriteUp = (projectId: string): Promise<WriteUp> => call('GetProjectWriteUp', projectId);

// ---- events ----
/** Subscribes to a Wails event; returns the unsubscribe function. Safe outside Wails. */
export function onEvent<T = unknown>(name: string, cb: (payload: T) => void): () => void {
  try {
    const off = EventsOn(name, (...data: unknown[]) => cb(data[0] as T));
    return typeof off === 'function' ? off : () => {};
  } catch {
    // No Wails runtime (e.g. the UI opened in a plain browser): nothing to listen to.
    return () => {};
  }
}

/** The "sync:status" event, shaped like getSyncStatus's answer. */
export const onSyncStatus = (cb: (status: SyncStatus) => void): (() => void) =>
  onEvent<SyncStatus>(Events.syncStatus, (s) => {
    if (s && typeof s === 'object') cb(s);
  });

/** The "export:progress" event. */
export const onExportProgress = (cb: (p: ExportProgress) => void): (() => void) =>
  onEvent<ExportProgress>(Events.exportProgress, (p) => {
    if (p && typeof p === 'object') cb({ kind: p.kind, done: p.done ?? 0, total: p.total ?? 0 });
  });

// ---- Lived Experience Partners ----
function normConsent(c: Wire<involve.Consent>): Consent {
  return { ...c, withdrawnAt: c.withdrawnAt ?? '' };
}
function normTimeEntry<T extends Wire<involve.TimeEntry>>(e: T): T & { feeOverridePence: number | null } {
  return { ...e, feeOverridePence: e.feeOverridePence ?? null };
}
function normTotals(t: Wire<involve.LEPTotals>): LEPTotals {
  const line = (l: Wire<involve.LEPTotal>): LEPTotal => ({ ...l, pseudonym: l.pseudonym ?? '' });
  return {
    ...t,
    all: line(t.all),
    byContributor: t.byContributor.map(line),
    byProject: t.byProject.map(line),
    byMonth: t.byMonth.map(line),
  };
}
export const getPeopleReference = (): Promise<PeopleReference> => call('GetPeopleReference');
export const listContributors = (): Promise<ContributorView[]> => call('ListContributors');
export const getContributor = (id: string): Promise<ContributorView> => call('GetContributor', id);
/** A new Lived Experience Partner and their consent, saved together (consent errors are
 * on fields "consent.<field>"). */
export const createContributor = (contributor: ContributorInput, consent: ConsentInput): Promise<ContributorView> =>
  call('CreateContributor', { contributor, consent });
export const updateContributor = (
  id: string,
  loaded: ContributorInput,
  edited: ContributorInput,
): Promise<ContributorView> => call('UpdateContributor', id, loaded, edited);
export const listConsents = (subjectId: string) => call('ListConsents', subjectId).then((cs) => cs.map(normConsent));
export const addConsent = (input: ConsentInput) => call('AddConsent', input).then(normConsent);
export const withdrawConsent = (id: string) => call('WithdrawConsent', id).then(normConsent);
export const withdrawQuoteConsent = (feedbackId: string) =>
  call('WithdrawQuoteConsent', feedbackId).then(normConsent);
export const listRateCards = (): Promise<RateCard[]> => call('ListRateCards');
export const createRateCard = (input: RateCardInput): Promise<RateCard> => call('CreateRateCard', input);
export const updateRateCard = (id: string, loaded: RateCardInput, edited: RateCardInput): Promise<RateCard> =>
  call('UpdateRateCard', id, loaded, edited);
export const deleteRateCard = (id: string): Promise<void> => call('DeleteRateCard', id);
export const getRetentionSchedule = (): Promise<RetentionEntry[]> => call('GetRetentionSchedule');
/** A lead laptop only (EFORBIDDEN otherwise); answers with the schedule. */
export const setRetentionRule = (input: RetentionRuleInput): Promise<RetentionEntry[]> =>
  call('SetRetentionRule', input);
export const listDueForReview = (): Promise<DueList> => call('ListDueForReview');
export const keepUntil = (input: RetentionHoldInput): Promise<void> =>
  call('KeepUntil', input).then(() => undefined);

// ---- erasure (a lead's laptop; app/desktop/erasure.go) ----
/** What erasing a partner ("contributor") or a comment ("feedback") will destroy and keep.
 * Rejects with "erased" when it already was, "not_found", or "forbidden" off a lead's laptop. */
export const previewErasure = (entity: 'contributor' | 'feedback', id: string): Promise<ErasureSummary> =>
  call('PreviewErasure', entity, id);
/** Erases a Lived Experience Partner everywhere; requestId: the erasure request it answers, or "". */
export const eraseContributor = (id: string, requestId: string): Promise<ErasureResult> =>
  call('EraseContributor', id, requestId);
/** Erases a feedback item's words everywhere. */
export const eraseFeedback = (id: string): Promise<ErasureResult> => call('EraseFeedback', id);
export const listTimeEntries = (contributorId: string): Promise<TimeEntryView[]> =>
  call('ListTimeEntries', contributorId).then((es) => es.map(normTimeEntry));
export const getTimeEntry = (id: string): Promise<TimeEntry> => call('GetTimeEntry', id).then(normTimeEntry);
export const createTimeEntry = (input: TimeEntryInput): Promise<TimeEntry> =>
  call('CreateTimeEntry', input).then(normTimeEntry);
export const updateTimeEntry = (id: string, loaded: TimeEntryInput, edited: TimeEntryInput): Promise<TimeEntry> =>
  call('UpdateTimeEntry', id, loaded, edited).then(normTimeEntry);
export const deleteTimeEntry = (id: string): Promise<void> => call('DeleteTimeEntry', id);
/** The fee Go would give this entry now (nothing saved); a missing rate is `problem`. */
export const previewFee = (input: TimeEntryInput): Promise<FeePreview> => call('PreviewFee', input);
export const getLEPTotals = (from: string, to: string) => call('GetLEPTotals', from, to).then(normTotals);

// ---- reach: attendance tallies and anonymous attendee profiles ----
/** A session's tally screen: total attendees, tally, profiles, reach, checks, questions. */
export const getSessionReach = (sessionId: string): Promise<SessionReach> =>
  call<'GetSessionReach', SessionReach>('GetSessionReach', sessionId).then(normSessionReach);
/** Autosaves a session's tally: loaded = the tally as last saved (or loaded), edited = now. */
export const saveTally = (sessionId: string, loaded: Tally, edited: Tally): Promise<TallySaved> =>
  call<'SaveTally', TallySaved>('SaveTally', sessionId, loaded, edited).then(normTallySaved);
/** Changes a session's total attendees alone (loaded: the number the screen showed). */
export const setSessionAttendees = (sessionId: string, loaded: number, edited: number): Promise<Session> =>
  call('SetSessionAttendees', sessionId, loaded, edited);
export const addAttendeeProfile = (a: Attendee): Promise<Attendee> => call('AddAttendeeProfile', a);
export const updateAttendeeProfile = (id: string, loaded: Attendee, edited: Attendee): Promise<Attendee> =>
  call('UpdateAttendeeProfile', id, loaded, edited);
export const deleteAttendeeProfile = (id: string): Promise<void> => call('DeleteAttendeeProfile', id);
export const restoreAttendeeProfile = (id: string): Promise<Attendee> => call('RestoreAttendeeProfile', id);
/** A project's reach, small numbers suppressed. */
export const getProjectReach = (projectId: string): Promise<ReachSummary> => call('GetProjectReach', projectId);
/** The reach of the sessions a report filter covers (a period…), small numbers suppressed. */
export const getReach = (f: ReportFilter): Promise<ReachSummary> => call('GetReach', f);

// ---- first run and about ----
/** Whether to show the first-run welcome, with the data folder it names. */
export const getWelcome = (): Promise<Welcome> => call('GetWelcome');
/** "Start using Involve": the welcome does not show again for this data folder. */
export const dismissWelcome = (): Promise<void> => call('DismissWelcome');
/**
 * The open-source components and their licences. Not a Go call: a file the build embeds
 * beside index.html (frontend/dist/third-party-licences.json, made by scripts/licences.mjs).
 */
export async function getThirdPartyLicences(): Promise<ThirdPartyLicences> {
  const res = await fetch('./third-party-licences.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`third-party-licences.json: ${res.status}`);
  const data = (await res.json()) as Partial<ThirdPartyLicences>;
  return { go: data.go ?? [], npm: data.npm ?? [] };
}

// ---- question sets (issue 15; lib/questions.ts) ----
export const listQuestionSets = (includeArchived: boolean): Promise<QuestionSetSummary[]> =>
  call('ListQuestionSets', includeArchived);
export const getQuestionSet = (id: string): Promise<QuestionSetView> => call('GetQuestionSet', id);
export const starterQuestionSets = (): Promise<QuestionSet[]> => call('StarterQuestionSets');
export const createQuestionSet = (s: QuestionSet): Promise<QuestionSet> => call('CreateQuestionSet', s);
export const saveQuestionSet = (id: string, loaded: QuestionSet, edited: QuestionSet): Promise<QuestionSetSaved> =>
  call('SaveQuestionSet', id, loaded, edited);
export const setQuestionSetArchived = (id: string, archived: boolean): Promise<QuestionSet> =>
  call('SetQuestionSetArchived', id, archived);
export const saveTranslation = (t: Translation): Promise<Translation> => call('SaveTranslation', t);
export const deleteTranslation = (id: string): Promise<void> => call('DeleteTranslation', id);
export const listKioskWords = (): Promise<Translation[]> => call('ListKioskWords');
export const listActionTranslations = (actionId: string): Promise<Translation[]> => call('ListActionTranslations', actionId);
export const getSessionQuestions = (sessionId: string): Promise<SessionQuestions> =>
  call('GetSessionQuestions', sessionId);
export const createFeedbackWithAnswers = async (in_: FeedbackInput, responses: ResponseInput[]): Promise<Feedback> =>
  normFeedback(await call('CreateFeedbackWithAnswers', in_, responses));
export const listFeedbackAnswers = (feedbackId: string): Promise<Response[]> => call('ListFeedbackAnswers', feedbackId);
// The self-assessment against the UK Standards (#/standards): everyone reads, a lead rates.
export const listStandardsAssessments = (scope: string): Promise<StandardsOverview> => call('ListStandardsAssessments', scope);
export const getStandardsAssessment = (id: string): Promise<StandardsAssessment> => call('GetStandardsAssessment', id);
export const createStandardsAssessment = (a: StandardsAssessmentInput): Promise<StandardsAssessment> =>
  call('CreateStandardsAssessment', a);
export const updateStandardsAssessment = (
  id: string,
  loaded: StandardsAssessment,
  edited: StandardsAssessmentInput,
): Promise<StandardsAssessment> => call('UpdateStandardsAssessment', id, loaded, edited);
