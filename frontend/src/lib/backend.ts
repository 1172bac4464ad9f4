// The only module that talks to Go. Every screen imports this, never wailsjs.
// Each wrapper rejects with a normalised BackendError (see errors.ts), and shapes the
// generated model classes into the plain DTOs of types.ts (nil Go slices arrive as null).
import * as App from '../../wailsjs/go/desktop/App';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { toBackendError } from './errors';
import type {
  Action,
  ActionFilter,
  ActionView,
  ActionsBoard,
  Outcome,
  WriteUp,
  AppInfo,
  ConflictResolution,
  ConflictSide,
  ConflictView,
  ExportProgress,
  ExportResult,
  Feedback,
  FeedbackInput,
  Home,
  KioskFeedbackInput,
  KioskReceipt,
  KioskState,
  NotesSaved,
  Project,
  ProjectInput,
  ReferenceData,
  RejectedChange,
  ReportFigures,
  ReportFilter,
  SearchResult,
  Session,
  SessionInput,
  SessionSummary,
  StartupState,
  SyncStatus,
  Theme,
  ThirdPartyLicences,
  Welcome,
} from './types';
import { Events } from './types';
import {
  normAttendee,
  normReachSummary,
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

export { toBackendError, isBackendError, fieldErrorMap } from './errors';

async function call<T>(fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (e) {
    throw toBackendError(e);
  }
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function normProject(p: Project): Project {
  return { ...p, core20plus5: arr(p.core20plus5), plusGroups: arr(p.plusGroups), boroughs: arr(p.boroughs) };
}
function normSession(s: Session): Session {
  return { ...s, standards: arr(s.standards), accessSupport: arr(s.accessSupport), notes: s.notes ?? '' };
}
function normFeedback(f: Feedback): Feedback {
  return { ...f, themes: arr(f.themes), rating: f.rating ?? null };
}
function normStartup(s: StartupState): StartupState {
  return { ...s, backups: arr(s.backups) };
}
function normHome(h: Home): Home {
  return { ...h, today: arr(h.today), recent: arr(h.recent) };
}
function normSyncStatus(s: SyncStatus): SyncStatus {
  return {
    ...s,
    serverUrl: s.serverUrl ?? '',
    teamName: s.teamName ?? '',
    deviceName: s.deviceName ?? '',
    message: s.message ?? '',
    lastSyncedAt: s.lastSyncedAt ?? '',
    lastAttemptAt: s.lastAttemptAt ?? '',
    nextAttemptAt: s.nextAttemptAt ?? '',
    pending: s.pending ?? 0,
    rejected: s.rejected ?? 0,
    conflicts: s.conflicts ?? 0,
    progress: s.progress ?? null,
  };
}
const noSide: ConflictSide = { value: 'null', display: '', by: '', at: '', deviceId: '' };
function normConflict(c: ConflictView): ConflictView {
  return {
    ...c,
    base: c.base ?? noSide,
    winner: c.winner ?? noSide,
    loser: c.loser ?? noSide,
    current: c.current ?? c.winner ?? noSide,
    resolution: c.resolution ?? '',
  };
}

// ---- app ----
export const getStartupState = () =>
  call<StartupState>(() => App.GetStartupState()).then(normStartup);
export const getAppInfo = () => call<AppInfo>(() => App.GetAppInfo());
export const setUserName = (name: string) => call<AppInfo>(() => App.SetUserName(name));
export const getReferenceData = () => call<ReferenceData>(() => App.GetReferenceData());
export const restoreBackup = (name: string) =>
  call<StartupState>(() => App.RestoreBackup(name)).then(normStartup);
export const quit = () => call<void>(() => App.Quit());

// ---- themes ----
export const listThemes = (includeArchived: boolean) =>
  call<Theme[] | null>(() => App.ListThemes(includeArchived)).then(arr);
export const createTheme = (label: string) => call<Theme>(() => App.CreateTheme(label));
export const renameTheme = (id: string, label: string) => call<Theme>(() => App.RenameTheme(id, label));
export const setThemeArchived = (id: string, archived: boolean) =>
  call<Theme>(() => App.SetThemeArchived(id, archived));

// ---- projects ----
export const listProjects = () =>
  call<Project[] | null>(() => App.ListProjects()).then((ps) => arr(ps).map(normProject));
export const getProject = (id: string) => call<Project>(() => App.GetProject(id)).then(normProject);
export const createProject = (input: ProjectInput) =>
  call<Project>(() => App.CreateProject(input as never)).then(normProject);
/** Saves an edit form: `loaded` is the input as the form received it, `edited` what the
 * person saved; Go writes only the fields that differ, so a change the background sync
 * pulled while the form was open is kept. */
export const updateProject = (id: string, loaded: ProjectInput, edited: ProjectInput) =>
  call<Project>(() => App.UpdateProject(id, loaded as never, edited as never)).then(normProject);

// ---- sessions ----
export interface SessionFilter {
  projectId: string; // "" = all
  limit: number;
}
export const listSessions = (filter: SessionFilter) =>
  call<SessionSummary[] | null>(() => App.ListSessions(filter as never)).then(arr);
export const getSession = (id: string) => call<Session>(() => App.GetSession(id)).then(normSession);
export const createSession = (input: SessionInput) =>
  call<Session>(() => App.CreateSession(input as never)).then(normSession);
/** Saves an edit form: `loaded` is the input as the form received it, `edited` what the
 * person saved; Go writes only the fields that differ, so a change the background sync
 * pulled while the form was open is kept. */
export const updateSession = (id: string, loaded: SessionInput, edited: SessionInput) =>
  call<Session>(() => App.UpdateSession(id, loaded as never, edited as never)).then(normSession);
export const saveSessionNotes = (id: string, notes: string) =>
  call<NotesSaved>(() => App.SaveSessionNotes(id, notes));
export const deleteSession = (id: string) => call<void>(() => App.DeleteSession(id));
export const restoreSession = (id: string) =>
  call<Session>(() => App.RestoreSession(id)).then(normSession);

// ---- feedback ----
export const listFeedback = (sessionId: string) =>
  call<Feedback[] | null>(() => App.ListFeedback(sessionId)).then((fs) => arr(fs).map(normFeedback));
export const createFeedback = (input: FeedbackInput) =>
  call<Feedback>(() => App.CreateFeedback(input as never)).then(normFeedback);
/** Saves an edit form: `loaded` is the input as the form received it, `edited` what the
 * person saved; Go writes only the fields that differ, so a change the background sync
 * pulled while the form was open is kept. */
export const updateFeedback = (id: string, loaded: FeedbackInput, edited: FeedbackInput) =>
  call<Feedback>(() => App.UpdateFeedback(id, loaded as never, edited as never)).then(normFeedback);
export const deleteFeedback = (id: string) => call<void>(() => App.DeleteFeedback(id));
export const restoreFeedback = (id: string) =>
  call<Feedback>(() => App.RestoreFeedback(id)).then(normFeedback);

// ---- home and search ----
export const getHome = () => call<Home>(() => App.GetHome()).then(normHome);
export const search = (query: string, limit: number) =>
  call<SearchResult[] | null>(() => App.Search(query, limit)).then(arr);

// ---- sync with the team's server ----
export const getSyncStatus = () => call<SyncStatus>(() => App.GetSyncStatus()).then(normSyncStatus);
export const connectServer = (url: string, code: string) =>
  call<SyncStatus>(() => App.ConnectServer(url, code)).then(normSyncStatus);
export const disconnectServer = () => call<SyncStatus>(() => App.DisconnectServer()).then(normSyncStatus);
/** Runs one sync; resolves with the status when it has finished (may take seconds). */
export const syncNow = () => call<SyncStatus>(() => App.SyncNow()).then(normSyncStatus);
/** Open conflicts first. */
export const listConflicts = () =>
  call<ConflictView[] | null>(() => App.ListConflicts()).then((cs) => arr(cs).map(normConflict));
/** valueJSON only for "combined": the new value as JSON text of the field's type. */
export const resolveConflict = (id: string, resolution: ConflictResolution, valueJSON = '') =>
  call<ConflictView>(() => App.ResolveConflict(id, resolution, valueJSON)).then(normConflict);
export const listRejectedChanges = () =>
  call<RejectedChange[] | null>(() => App.ListRejectedChanges()).then(arr);

// ---- reports and exports ----
// The generated models cannot describe report.Count and report.Percent (they marshal
// as {value, text}), so the answers are cast to the hand-written types of types.ts.
const noCount = { value: null, text: '–' };
function normFigures(f: ReportFigures): ReportFigures {
  return {
    ...f,
    filterText: arr(f.filterText),
    peopleReached: f.peopleReached ?? noCount,
    fftPositive: f.fftPositive ?? noCount,
    ethnicMinority: f.ethnicMinority ?? noCount,
    core20: f.core20 ?? noCount,
    boroughsCovered: arr(f.boroughsCovered),
    sessionsByType: arr(f.sessionsByType),
    ratings: arr(f.ratings),
    reach: normDims(f.reach),
    attendeeReach: normDims(f.attendeeReach),
    respondents: normDims(f.respondents),
    themes: arr(f.themes),
    actions: { ...f.actions, communicatedPct: f.actions?.communicatedPct ?? noCount, byStatus: arr(f.actions?.byStatus) },
    outcomes: { ...f.outcomes, byMagnitude: arr(f.outcomes?.byMagnitude), byImpact: arr(f.outcomes?.byImpact) },
    projects: arr(f.projects),
  };
}
const normDims = (ds: ReportFigures['reach'] | null | undefined) => arr(ds).map((d) => ({ ...d, categories: arr(d.categories) }));
function normExport(r: ExportResult): ExportResult {
  return { ...r, path: r.path ?? '', files: arr(r.files) };
}
export const getReport = (f: ReportFilter) =>
  call<ReportFigures>(() => App.GetReport(f as never)).then(normFigures);
/** Asks where to save (a save dialog), then writes the workbook; progress comes as
 * "export:progress" events. Resolves with cancelled: true if the person cancelled. */
export const exportWorkbook = (f: ReportFilter) =>
  call<ExportResult>(() => App.ExportWorkbook(f as never)).then(normExport);
/** Asks for a folder, then writes one CSV file per sheet. */
export const exportCSV = (f: ReportFilter) => call<ExportResult>(() => App.ExportCSV(f as never)).then(normExport);
/** Stops the export that is running (it then resolves with cancelled: true). */
export const cancelExport = () => call<void>(() => App.CancelExport());

// ---- kiosk mode ----
function normKiosk(k: KioskState): KioskState {
  return { active: !!k.active, sessionId: k.sessionId ?? '', sessionTitle: k.sessionTitle ?? '', themes: arr(k.themes) };
}
/** Turns kiosk mode on for a session; pin (4–8 digits) is needed to leave it. */
export const startKiosk = (sessionId: string, pin: string) =>
  call<KioskState>(() => App.StartKiosk(sessionId, pin)).then(normKiosk);
export const getKioskState = () => call<KioskState>(() => App.GetKioskState()).then(normKiosk);
export const submitKioskFeedback = (input: KioskFeedbackInput) =>
  call<KioskReceipt>(() => App.SubmitKioskFeedback(input as never));
/** Leaves kiosk mode with the staff PIN (a wrong one rejects with code "unauthorized"). */
export const leaveKiosk = (pin: string) => call<KioskState>(() => App.LeaveKiosk(pin)).then(normKiosk);

// ---- "you said, we did" actions, outcomes and the GRIPP2 write-up ----
function normAction<T extends Action>(a: T): T {
  return { ...a, feedbackIds: arr(a.feedbackIds) };
}
function normActionView(v: ActionView): ActionView {
  return { ...normAction(v), feedback: arr(v.feedback) };
}
function normOutcome(o: Outcome): Outcome {
  return { ...o, sessionIds: arr(o.sessionIds), actionIds: arr(o.actionIds), impactOn: arr(o.impactOn), standards: arr(o.standards) };
}
function normBoard(b: ActionsBoard): ActionsBoard {
  return {
    ...b,
    columns: arr(b.columns).map((c) => ({ ...c, actions: arr(c.actions).map(normActionView) })),
    needsResponse: arr(b.needsResponse),
  };
}
function normWriteUp(w: WriteUp): WriteUp {
  return {
    ...w,
    sessions: arr(w.sessions),
    outcomes: arr(w.outcomes).map(normOutcome),
    actions: arr(w.actions).map(normAction),
  };
}
/** Creates an action; with feedbackIds and no sessionId/projectId, Go files it under
 * the feedback's session and project. */
export const createAction = (a: Action) => call<ActionView>(() => App.CreateAction(a as never)).then(normActionView);
export const getAction = (id: string) => call<ActionView>(() => App.GetAction(id)).then(normActionView);
/** Saves an edit form (`loaded` as received, `edited` as saved): only changed fields are written. */
export const updateAction = (id: string, loaded: Action, edited: Action) =>
  call<ActionView>(() => App.UpdateAction(id, loaded as never, edited as never)).then(normActionView);
export const deleteAction = (id: string) => call<void>(() => App.DeleteAction(id));
export const restoreAction = (id: string) => call<ActionView>(() => App.RestoreAction(id)).then(normActionView);
export const listActions = (f: Partial<ActionFilter>) =>
  call<ActionView[] | null>(() =>
    App.ListActions({ status: '', projectId: '', sessionId: '', feedbackId: '', ...f } as never),
  ).then((vs) => arr(vs).map(normActionView));
/** projectId "" = every project. */
export const getActionsBoard = (projectId = '') =>
  call<ActionsBoard>(() => App.GetActionsBoard(projectId)).then(normBoard);
export const createOutcome = (o: Outcome) => call<Outcome>(() => App.CreateOutcome(o as never)).then(normOutcome);
export const updateOutcome = (id: string, loaded: Outcome, edited: Outcome) =>
  call<Outcome>(() => App.UpdateOutcome(id, loaded as never, edited as never)).then(normOutcome);
export const deleteOutcome = (id: string) => call<void>(() => App.DeleteOutcome(id));
export const restoreOutcome = (id: string) => call<Outcome>(() => App.RestoreOutcome(id)).then(normOutcome);
export const listOutcomes = (projectId: string) =>
  call<Outcome[] | null>(() => App.ListOutcomes(projectId)).then((os) => arr(os).map(normOutcome));
export const getProjectWriteUp = (projectId: string) =>
  call<WriteUp>(() => App.GetProjectWriteUp(projectId)).then(normWriteUp);

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
    if (s && typeof s === 'object') cb(normSyncStatus(s));
  });

/** The "export:progress" event. */
export const onExportProgress = (cb: (p: ExportProgress) => void): (() => void) =>
  onEvent<ExportProgress>(Events.exportProgress, (p) => {
    if (p && typeof p === 'object') cb({ kind: p.kind, done: p.done ?? 0, total: p.total ?? 0 });
  });

// ---- Lived Experience Partners ----
function normContributor(c: ContributorView): ContributorView {
  return { ...c, livedExperience: arr(c.livedExperience), purposes: arr(c.purposes) };
}
function normConsent(c: Consent): Consent {
  return { ...c, purposes: arr(c.purposes), withdrawnAt: c.withdrawnAt ?? '' };
}
function normTimeEntry<T extends TimeEntry>(e: T): T {
  return { ...e, feeOverridePence: e.feeOverridePence ?? null };
}
function normTotals(t: LEPTotals): LEPTotals {
  const line = (l: LEPTotal): LEPTotal => ({ ...l, pseudonym: l.pseudonym ?? '' });
  return {
    ...t,
    all: line(t.all),
    byContributor: arr(t.byContributor).map(line),
    byProject: arr(t.byProject).map(line),
    byMonth: arr(t.byMonth).map(line),
  };
}
export const getPeopleReference = () => call<PeopleReference>(() => App.GetPeopleReference());
export const listContributors = () =>
  call<ContributorView[] | null>(() => App.ListContributors()).then((cs) => arr(cs).map(normContributor));
export const getContributor = (id: string) => call<ContributorView>(() => App.GetContributor(id)).then(normContributor);
/** A new Lived Experience Partner and their consent, saved together (consent errors are
 * on fields "consent.<field>"). */
export const createContributor = (contributor: ContributorInput, consent: ConsentInput) =>
  call<ContributorView>(() => App.CreateContributor({ contributor, consent } as never)).then(normContributor);
export const updateContributor = (id: string, loaded: ContributorInput, edited: ContributorInput) =>
  call<ContributorView>(() => App.UpdateContributor(id, loaded as never, edited as never)).then(normContributor);
export const listConsents = (subjectId: string) =>
  call<Consent[] | null>(() => App.ListConsents(subjectId)).then((cs) => arr(cs).map(normConsent));
export const addConsent = (input: ConsentInput) => call<Consent>(() => App.AddConsent(input as never)).then(normConsent);
export const withdrawConsent = (id: string) => call<Consent>(() => App.WithdrawConsent(id)).then(normConsent);
export const withdrawQuoteConsent = (feedbackId: string) =>
  call<Consent>(() => App.WithdrawQuoteConsent(feedbackId)).then(normConsent);
export const listRateCards = () => call<RateCard[] | null>(() => App.ListRateCards()).then(arr);
export const createRateCard = (input: RateCardInput) => call<RateCard>(() => App.CreateRateCard(input as never));
export const updateRateCard = (id: string, loaded: RateCardInput, edited: RateCardInput) =>
  call<RateCard>(() => App.UpdateRateCard(id, loaded as never, edited as never));
export const deleteRateCard = (id: string) => call<void>(() => App.DeleteRateCard(id));
export const listTimeEntries = (contributorId: string) =>
  call<TimeEntryView[] | null>(() => App.ListTimeEntries(contributorId)).then((es) => arr(es).map(normTimeEntry));
export const getTimeEntry = (id: string) => call<TimeEntry>(() => App.GetTimeEntry(id)).then(normTimeEntry);
export const createTimeEntry = (input: TimeEntryInput) =>
  call<TimeEntry>(() => App.CreateTimeEntry(input as never)).then(normTimeEntry);
export const updateTimeEntry = (id: string, loaded: TimeEntryInput, edited: TimeEntryInput) =>
  call<TimeEntry>(() => App.UpdateTimeEntry(id, loaded as never, edited as never)).then(normTimeEntry);
export const deleteTimeEntry = (id: string) => call<void>(() => App.DeleteTimeEntry(id));
/** The fee Go would give this entry now (nothing saved); a missing rate is `problem`. */
export const previewFee = (input: TimeEntryInput) => call<FeePreview>(() => App.PreviewFee(input as never));
export const getLEPTotals = (from: string, to: string) => call<LEPTotals>(() => App.GetLEPTotals(from, to)).then(normTotals);

// ---- reach: attendance tallies and anonymous attendee profiles ----
/** A session's tally screen: total attendees, tally, profiles, reach, checks, questions. */
export const getSessionReach = (sessionId: string) =>
  call<SessionReach>(() => App.GetSessionReach(sessionId)).then(normSessionReach);
/** Autosaves a session's tally: loaded = the tally as last saved (or loaded), edited = now. */
export const saveTally = (sessionId: string, loaded: Tally, edited: Tally) =>
  call<TallySaved>(() => App.SaveTally(sessionId, loaded as never, edited as never)).then(normTallySaved);
/** Changes a session's total attendees alone (loaded: the number the screen showed). */
export const setSessionAttendees = (sessionId: string, loaded: number, edited: number) =>
  call<Session>(() => App.SetSessionAttendees(sessionId, loaded, edited)).then(normSession);
export const addAttendeeProfile = (a: Attendee) =>
  call<Attendee>(() => App.AddAttendeeProfile(a as never)).then(normAttendee);
export const updateAttendeeProfile = (id: string, loaded: Attendee, edited: Attendee) =>
  call<Attendee>(() => App.UpdateAttendeeProfile(id, loaded as never, edited as never)).then(normAttendee);
export const deleteAttendeeProfile = (id: string) => call<void>(() => App.DeleteAttendeeProfile(id));
export const restoreAttendeeProfile = (id: string) =>
  call<Attendee>(() => App.RestoreAttendeeProfile(id)).then(normAttendee);
/** A project's reach, small numbers suppressed. */
export const getProjectReach = (projectId: string) =>
  call<ReachSummary>(() => App.GetProjectReach(projectId)).then(normReachSummary);
/** The reach of the sessions a report filter covers (a period…), small numbers suppressed. */
export const getReach = (f: ReportFilter) => call<ReachSummary>(() => App.GetReach(f as never)).then(normReachSummary);

// ---- first run and about ----
/** Whether to show the first-run welcome, with the data folder it names. */
export const getWelcome = () => call<Welcome>(() => App.GetWelcome());
/** "Start using Involve": the welcome does not show again for this data folder. */
export const dismissWelcome = () => call<void>(() => App.DismissWelcome());
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
