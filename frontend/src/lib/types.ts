// Types shared by the UI and the Go façade (package app/desktop). These are the Go DTOs
// as the screens use them (JSON names, string unions where Go has a plain string, doc
// comments); the end of this file checks each against the model classes Wails
// generates from Go (wailsjs/go/models.ts), so `tsc --noEmit` fails when they drift.
// backend.ts is the only module that talks to Go.
import type { desktop, involve, publish, report, store } from '../../wailsjs/go/models';
import type {
  Attendee,
  Reach,
  ReachCategory,
  ReachDimension,
  ReachQuestion,
  ReachSummary,
  SessionReach,
  Share,
  Tally,
  TallyDim,
  TallySaved,
  TallyWarning,
} from './reach';
import type {
  Answer,
  AskedSet,
  Choice,
  LanguageInfo,
  Question,
  QuestionSet,
  QuestionSetSaved,
  QuestionSetSummary,
  QuestionSetVersion,
  QuestionSetView,
  Response,
  ResponseInput,
  SessionQuestions,
  ShowIf,
  Translation,
} from './questions';
import type {
  BenchmarkDimension,
  BenchmarkImport,
  BenchmarkList,
  BenchmarkPopulation,
  BenchmarkShare,
  ComparisonRow,
  ReachComparison,
} from './benchmarks';
import type {
  StandardCell,
  StandardRating,
  StandardRow,
  StandardsAssessment,
  StandardsAssessmentInput,
  StandardsAssessmentItem,
  StandardsOverview,
  StandardsTimeline,
} from './standards';

/** One allowed value of a reference list (codes are stored; labels are shown). */
export interface RefItem {
  code: string;
  label: string;
  group?: string; // e.g. ethnicity group, borough ICS (SEL/SWL)
  hint?: string;
}

export interface ReferenceData {
  version: string; // reference data version, e.g. "2026.1"
  sessionTypes: RefItem[];
  sessionModes: RefItem[];
  sessionStatuses: RefItem[]; // planned, held, written_up
  involvementLevels: RefItem[];
  engagementStages: RefItem[];
  standards: RefItem[]; // UK Standards 1..6, codes "1".."6"
  accessSupport: RefItem[];
  boroughs: RefItem[]; // code = ONS code or "other_london" / "outside_london" / "prefer_not_to_say"
  feedbackSources: RefItem[];
  ratings: RefItem[]; // code "5".."1" (Very good..Very poor) and "0" (Don't know)
  ageBands: RefItem[];
  ethnicGroups: RefItem[]; // the 5 Census 2021 groups + prefer_not_to_say
  ethnicities: RefItem[]; // the 19 categories, group = parent group code
  core20plus5: RefItem[];
  plusGroups: RefItem[];
  actionStatuses: RefItem[]; // planned, in_progress, done, not_possible (board order)
  actionChannels: RefItem[]; // newsletter, meeting, email, social_media, poster, website, letter, other
  impactAreas: RefItem[]; // design, materials, decision, implementation, people, organisation
  impactDirections: RefItem[]; // positive, negative
  impactMagnitudes: RefItem[]; // none, minor, substantial, decision_changed
}

export interface Theme {
  id: string;
  label: string;
  archived: boolean;
  usage: number; // feedback items using it
}

/** Sync metadata present on every record (DESIGN §4; Go: involve.Meta). */
export interface RecordMeta {
  id: string; // UUIDv7
  createdAt: string; // RFC 3339 UTC
  updatedAt: string;
  createdBy: string;
  deviceId: string;
  rev: number;
  deletedAt?: string; // tombstone
  teamId?: string; // the server's team (set by the server)
}

export interface ProjectInput {
  name: string;
  lead: string;
  funder: string;
  startDate: string; // YYYY-MM-DD or ""
  endDate: string;
  aim: string; // involvement aim
  core20plus5: string[];
  plusGroups: string[];
  boroughs: string[];
}
export interface Project extends ProjectInput, RecordMeta {
  sessionCount: number;
}

export interface SessionInput {
  projectId: string; // "" = no project
  title: string;
  date: string; // YYYY-MM-DD (required)
  startTime: string; // HH:MM or ""
  endTime: string;
  type: string;
  mode: string;
  venue: string;
  borough: string;
  hostPartner: string;
  targetGroups: string;
  purpose: string; // the decision it informs
  intendedOutcome: string;
  involvementLevel: string;
  engagementStage: string;
  standards: string[];
  accessSupport: string[];
  facilitators: string;
  lepsPresent: string;
  status: string;
  wentWell: string; // reflections
  toImprove: string;
  attendees: number; // total attendees (0 = not recorded)
  questionSets: string[]; // question sets asked (family ids; the newest version is asked)
  noFft: boolean; // leave out the Friends and Family Test rating
}
export interface Session extends SessionInput, RecordMeta {
  notes: string;
  notesUpdatedAt: string;
  projectName: string;
  feedbackCount: number;
}
/** Which sessions ListSessions returns, newest first. */
export interface SessionFilter {
  projectId: string; // "" = all
  limit: number;
}
export interface SessionSummary {
  id: string;
  title: string;
  date: string;
  startTime: string;
  type: string;
  borough: string;
  status: string;
  projectId: string;
  projectName: string;
  feedbackCount: number;
  updatedAt: string;
}

export interface NotesSaved {
  id: string;
  rev: number;
  savedAt: string; // RFC 3339
}

export interface FeedbackInput {
  sessionId: string;
  text: string; // verbatim (required)
  rating: number | null; // 1..5 FFT (5 = Very good), 0 = Don't know, null = not given
  themes: string[]; // theme ids
  source: string;
  quoteConsent: boolean;
  needsResponse: boolean;
  ageBand: string; // "" = not asked
  ethnicGroup: string;
  borough: string;
  answered: boolean; // carries answers to question sets (then text may be empty)
}
export interface Feedback extends FeedbackInput, RecordMeta {
  capturedBy: string;
}

export interface HomeCounts {
  projects: number;
  sessions: number;
  feedback: number;
  feedbackToday: number;
  needsResponse: number;
}
export interface Home {
  today: SessionSummary[];
  recent: SessionSummary[];
  counts: HomeCounts;
}

export interface SearchResult {
  kind: 'session' | 'feedback' | 'action' | 'outcome';
  id: string;
  sessionId: string; // for feedback: its session; for session: same as id; for an action: its session ('' if none)
  projectId: string; // for an outcome: its project; for an action: its project ('' if none)
  title: string; // session title (for feedback: the session's title); an action's or outcome's short title
  field: string; // which text of an action or outcome matched ("We did"); '' for sessions and feedback
  snippet: string; // text with matches wrapped in <mark>…</mark>; everything else HTML-escaped
  date: string;
}

/** What the search screen shows for a query. */
export interface SearchAnswer {
  results: SearchResult[];
  didYouMean: string; // the query with misspelt words corrected ('' when none is)
  notYetSearchable: number; // records stored but not yet in the search index (a large import or first sync being indexed): the results may miss them while > 0
}

export interface BackupInfo {
  name: string; // file name inside the backups directory
  path: string;
  createdAt: string;
  sizeBytes: number;
  ok: boolean; // passed integrity_check when made
}

/** What the app found when it started. The UI shows a blocking screen unless status is "ok". */
export interface StartupState {
  status: 'ok' | 'locked' | 'damaged';
  message: string; // plain words for the user
  dataDir: string;
  backups: BackupInfo[]; // newest first (for "damaged")
  kiosk: boolean; // "damaged" while kiosk mode is on: only "needs attention from staff", no folder or backups
  repairable: boolean; // "damaged" in the search index: repairSearchIndex rebuilds it
}

/** What "Check this laptop's data" found (Go DataCheck, as `involve check`). */
export interface DataCheck {
  ok: boolean;
  searchIndexDamaged: boolean; // repairSearchIndex rebuilds it from the records
  message: string; // plain words
  details: string; // what the check said ("" when ok)
  checkedAt: string;
}

/** The team's own certificate authority trusted for the server (Go TrustedCA). */
export interface TrustedCA {
  present: boolean; // false: the system's authorities are trusted
  subject: string;
  fingerprint: string; // SHA-256, hex pairs
  notAfter: string;
  certificates: number;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  dbPath: string;
  deviceId: string;
  userName: string;
  schemaVersion: number;
  referenceVersion: string;
}

/** The object a rejected backend promise carries (Go ErrorFormatter). */
export interface FieldError {
  field: string; // the input's JSON name, e.g. "title", "date"
  message: string; // NHS.UK style: "Enter a session title"
}
export interface BackendError {
  code: 'invalid' | 'not_found' | 'conflict' | 'unauthorized' | 'internal' | 'unavailable' | 'forbidden' | 'passphrase_required' | 'locked' | 'erased'; // forbidden: this laptop's role does not allow it; passphrase_required: set a passphrase before partners' details; locked: sealed fields while Involve is locked; erased: the record was erased and cannot be changed
  message: string;
  fields?: FieldError[];
}

// ---- sync with the team's server (Go: app/desktop/sync.go; protocol: docs/sync-protocol.md) ----

/** not_connected: no server set up; idle: connected, not syncing now; syncing: running
 * (progress says how far); offline: server not reachable, will try again; error: the
 * last sync failed otherwise, will try again; unauthorized: the server no longer
 * accepts this laptop (connect again). */
export type SyncState = 'not_connected' | 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized' | 'needs_passphrase' | 'locked'; // needs_passphrase: the pull waits for a passphrase; locked: sync waits until Involve is unlocked

export interface SyncProgress {
  phase: 'push' | 'pull'; // sending changes / receiving them
  done: number;
  total: number; // 0 = not known yet
}

/** Where sync stands; also the payload of the "sync:status" event. Times are RFC 3339 or "". */
export interface SyncStatus {
  state: SyncState;
  connected: boolean;
  serverUrl: string;
  teamName: string;
  deviceName: string;
  role: '' | 'capture' | 'staff' | 'lead'; // "" when not connected (or a server before roles)
  lastSyncedAt: string;
  lastAttemptAt: string;
  nextAttemptAt: string;
  pending: number; // changes waiting to be sent
  rejected: number; // changes the server refused (kept, never deleted)
  conflicts: number; // open conflicts
  message: string; // the state in plain words
  progress?: SyncProgress | null; // null unless syncing
}

export type ConflictEntity = 'session' | 'feedback' | 'project' | 'theme';
export type ConflictResolution = 'kept' | 'replaced' | 'combined';

/** One value in a conflict: value is the JSON text as the record stores it ("\"Library\"",
 * "4", "[\"access\"]", "null"); display the same in plain words ("Library", "Good"). */
export interface ConflictSide {
  value: string;
  display: string;
  by: string; // "" for the base
  at: string; // RFC 3339 or ""
  deviceId: string;
}

/**
 * The same field of one record changed on two laptops. winner is what the server kept
 * in the record; loser is the other value, kept until a person decides; current is the
 * record's value now (differs from winner if someone changed it since). field
 * "deletedAt" means the record was edited on one laptop and deleted on another.
 */
export interface ConflictView {
  id: string;
  entity: ConflictEntity;
  recordId: string;
  recordTitle: string;
  recordDeleted: boolean;
  /** For feedback, the session it belongs to (for the link). */
  sessionId?: string;
  field: string; // JSON field name
  fieldLabel: string;
  kind: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null'; // JSON type of the values (which editor "combine" offers)
  base: ConflictSide;
  winner: ConflictSide;
  loser: ConflictSide;
  current: ConflictSide;
  status: 'open' | 'resolved';
  resolution: ConflictResolution | ''; // "" while open
  resolvedAt: string;
  resolvedBy: string;
  createdAt: string;
}

/** A change the server refused for good: kept with its reason, never deleted. */
export interface RejectedChange {
  changeId: string;
  entity: string;
  recordId: string;
  recordTitle: string;
  reason: string; // plain words
  at: string; // RFC 3339
}

// ---- reports (Go: app/report; the same figures as the workbook) ----

/** What a report covers. Empty fields do not filter; dates are YYYY-MM-DD, inclusive. */
export interface ReportFilter {
  from: string;
  to: string;
  projectId: string;
  borough: string; // the session's borough (ONS code)
  sessionType: string;
  teamId: string; // server only ("" on the desktop)
}

/** A number of people that may be suppressed (report.Count's own JSON): value is null
 * when hidden, and text is what to show ("12", "<5" for 1 to 4, "*" withheld). */
export interface ReportCount {
  value: number | null;
  text: string;
}

/** A share that may be unknown or withheld (report.Percent's own JSON): value 0..1 or
 * null, text "42%" or "–". */
export interface ReportPercent {
  value: number | null;
  text: string;
  /** true when there were people to count but small numbers hide the share */
  withheld?: boolean;
}

export interface ReportLabel {
  code: string;
  label: string;
}

/** A count by category that is not a count of people (never suppressed). */
export interface ReportRow {
  code: string;
  label: string;
  count: number;
}

export interface ReportCategory {
  code: string; // "" = Not stated, "other_answer" = a code from another reference version
  label: string;
  count: ReportCount;
  percent: ReportPercent; // of the dimension's total
}

/** One reach and diversity question, suppression applied. */
export interface ReportDimension {
  code: string; // ageBand, ethnicGroup, borough; attendees: a reach question code (ethnicity, sex, imdDecile, plusGroups…)
  label: string;
  multi?: boolean; // several answers per person (PLUS groups): counts do not add up to total (people reached)
  categories: ReportCategory[];
  total: number;
}

/** report.ActionFigures: "you said, we did" actions the filter covers (not people: never suppressed). */
export interface ReportActionFigures {
  total: number;
  planned: number;
  inProgress: number;
  done: number;
  notPossible: number;
  overdue: number; // due before the report's day, not done or not possible
  communicatedBack: number; // closed (done or not possible) actions told back
  communicatedPct: ReportPercent; // of the closed actions
  published: number;
  byStatus: ReportRow[]; // Planned, In progress, Done, Not possible
}

/** report.OutcomeFigures: the outcomes the filter covers. */
export interface ReportOutcomeFigures {
  total: number;
  byMagnitude: ReportRow[]; // None, Minor, Substantial, Decision changed
  byImpact: ReportRow[]; // an outcome with two areas counts under each
  positive: number;
  negative: number;
}

/** report.LEPFigures: Lived Experience Partners' time entries the filter covers.
 * Money in whole pence; days from claim to payment are -1 when no entry has both dates. */
export interface ReportLEPFigures {
  contributors: number;
  entries: number;
  minutes: number;
  feesPence: number;
  expensesPence: number;
  paidPence: number;
  medianDaysToPay: number; // may be a half day (median of an even number)
  maxDaysToPay: number;
}

/** Feedback items tagged with a theme, by sentiment (from the FFT rating). */
export interface ReportThemeRow {
  id: string;
  label: string;
  count: number;
  positive: number;
  neutral: number;
  negative: number;
  noRating: number;
}

/** The GRIPP2 short form of one project. */
export interface ReportGripp2 {
  projectId: string;
  project: string;
  aim: string;
  methods: string;
  results: string;
  discussion: string;
  reflections: string;
  sessions: number;
  feedback: number;
}

/** report.Figures: everything a summary report shows. */
export interface ReportFigures {
  filter: ReportFilter;
  filterText: string[]; // e.g. "Period: 2026-04-01 to 2027-03-31", "Borough: Lambeth"
  generatedAt: string; // RFC 3339
  referenceVersion: string;
  sessions: number; // any status
  sessionsHeld: number; // held or written up
  sessionsPlanned: number;
  peopleReached: ReportCount;
  feedbackItems: number;
  fftPositive: ReportPercent; // Very good + Good, of every rating given
  /** From attendees (tallies and profiles) when any session was counted, else feedback respondents. */
  ethnicMinority: ReportPercent;
  ethnicMinoritySource: 'attendees' | 'feedback';
  core20: ReportPercent; // attendees whose IMD decile is known; unknown ("–") from feedback
  boroughsCovered: ReportLabel[];
  quotesAllowed: number;
  needsResponse: number;
  needsResponseWithoutAction: number; // of needsResponse, the items no live action answers
  sessionsByType: ReportRow[];
  ratings: ReportRow[]; // Very good … Very poor, Don't know, Not given (code "")
  reachCounted: number; // sessions with an attendance tally or attendee profile
  attendeeReach: ReportDimension[]; // from tallies and profiles
  respondents: ReportDimension[]; // feedback respondents' age band, ethnic group, borough
  reach: ReportDimension[]; // attendeeReach when reachCounted > 0, else respondents
  themes: ReportThemeRow[]; // largest first
  actions: ReportActionFigures;
  outcomes: ReportOutcomeFigures;
  lep: ReportLEPFigures;
  projects: ReportGripp2[];
}

/** report.BreakdownRequest: a breakdown of one question (QuestionResult.key) of one set
 * (its family id) by one demographic ("ageBand", "ethnicGroup" or "borough"). */
export interface ReportBreakdownRequest {
  setId: string;
  question: string;
  by: string;
}

/** report.RankRow: one choice of a ranking question (score null when withheld). */
export interface ReportRankRow {
  code: string;
  label: string;
  first: ReportCount; // times ranked first
  picked: ReportCount; // times picked at all
  score: number | null;
}

/** report.NumberSummary: min, median and max are null when fewer than 5 answered. */
export interface ReportNumberSummary {
  count: ReportCount;
  min: number | null;
  median: number | null;
  max: number | null;
}

/** report.QuestionResult: one question (versions asking it alike), suppression applied. */
export interface ReportQuestionResult {
  key: string; // the question id, or id@vN for an older version's form of it
  id: string;
  type: string;
  text: string;
  label: string; // text, with "(version N)" when the question changed between versions
  versions: number[];
  other: boolean;
  pick?: number;
  asked: number; // responses to a version that has it: the percentages' base
  answered: ReportCount;
  answeredPct: ReportPercent;
  categories: ReportCategory[]; // choices (ranking: ranked first), Prefer not to say, Not answered
  multi?: boolean;
  ranking?: ReportRankRow[];
  number?: ReportNumberSummary;
  quotes?: string[]; // free text with quote consent only
  quotesMore?: number;
  quotesWithheld?: number; // answers without consent: counted, never shown
  breakable: boolean;
}

/** report.SetResults: one question set's results, every version together. */
export interface ReportSetResults {
  familyId: string;
  prefix: string; // column prefix in responses.csv
  name: string;
  purpose: string;
  versions: number[];
  responses: number;
  questions: ReportQuestionResult[];
}

/** report.BreakdownRow: one answer of the demographic, people per column. */
export interface ReportBreakdownRow {
  code: string;
  label: string;
  total: ReportCount;
  cells: ReportCount[];
}

/** report.Breakdown: one question's answers by one demographic, suppressed cell by cell. */
export interface ReportBreakdown {
  setId: string;
  question: string;
  label: string;
  by: string;
  byLabel: string;
  multi?: boolean;
  columns: ReportLabel[];
  rows: ReportBreakdownRow[];
}

/** report.QuestionFigures: the results of the question sets answered inside a filter. */
export interface ReportQuestionFigures {
  responses: number;
  unmatched: number;
  sets: ReportSetResults[];
  breakdown: ReportBreakdown | null;
}

/** What ExportWorkbook / ExportCSV did. cancelled: the person closed the dialog or
 * pressed Cancel (nothing saved). files: every file written (CSV: one per sheet). */
export interface ExportResult {
  path: string; // the workbook, or the folder of the CSV files
  files: string[];
  cancelled: boolean;
  sessions: number;
  feedback: number;
  bytes: number;
}

/** One action as a "you said, we did" shows it (publish.Item): youSaid is "" when what
 * people said cannot be shown, and then about (the theme) says what it was about. */
export interface YouSaidItem {
  actionId: string;
  youSaid: string;
  about: string;
  weDid: string;
  posterCannotShow: boolean; // the poster prints a sentence in place of some of its text (a script it cannot shape)
  lang: string; // 'en-GB': left in English in a publication in another language; '' otherwise
}

/** A language some actions of the preview can be published in (desktop.PublishLanguage):
 * every text each of actionIds shows is translated into it. */
export interface PublishLanguage {
  code: string;
  name: string; // its own name: "Polski"
  rtl: boolean;
  actionIds: string[];
  posterCannotShow: string[]; // of actionIds: the poster prints a sentence in place of their translated words
}

/** What the "you said, we did" screen shows before anything is made (desktop.YouSaidWeDidPreview). */
export interface YouSaidWeDidPreview {
  team: string;
  contact: string; // the contact line remembered from last time
  period: string; // the filter's dates in words
  project: string;
  made: string;
  items: YouSaidItem[];
  withheld: number; // done actions left out: nothing of theirs can be shown
  languages: PublishLanguage[];
}

/** The ways a "you said, we did" can be made (involve.Publication formats). */
export type PublicationFormat = 'web_page' | 'email_html' | 'email_text' | 'poster';

/** The "you said, we did" form (desktop.PublishRequest). */
export interface PublishRequest {
  filter: ReportFilter;
  actionIds: string[];
  format: PublicationFormat | '';
  channel: string; // refdata actionChannels
  publishedOn: string; // YYYY-MM-DD
  note: string;
  contact: string;
  language: string; // '': English; else the actions' translated words
}

/** What PublishYouSaidWeDid made. cancelled: the Save dialog was closed (nothing made). */
export interface PublishResult {
  cancelled: boolean;
  path: string;
  publicationId: string;
  actions: number; // marked published (and communicated back)
}

/** What a board pack is made as (desktop.MakeBoardPack's format). */
export type BoardPackFormat = 'pdf' | 'docx';

/** What MakeBoardPack wrote (desktop.BoardPackResult). */
export interface BoardPackResult {
  cancelled: boolean; // the Save dialog was closed: nothing was written
  path: string;
  format: string; // "pdf" or "docx"
  title: string;
  scope: string; // "The whole team" or the project's name
  period: string; // "1 April 2025 to 31 March 2026", or "All dates"
  stories: number; // outcomes told (with those left out for want of room)
  youSaid: number; // "you said, we did" items (likewise)
  bytes: number;
}

/** Where an action was last published (desktop.ActionPublication): the board's card says
 * "Published on 6 December 2026 (Web page)". */
export interface ActionPublication {
  actionId: string;
  publishedOn: string;
  format: string;
  formatLabel: string;
  language: string; // '' English, else its BCP 47 code
}

/** What ExportSubjectAccess wrote ("Everything about this person"). */
export interface SubjectAccessResult {
  cancelled: boolean; // the folder dialog was closed: nothing was written
  folder: string;
  html: string;
  json: string;
  consents: number;
  timeEntries: number;
  sessions: number;
}

/** Payload of "export:progress": rows written so far (total may be approximate, 0 = unknown). */
export interface ExportProgress {
  kind: 'xlsx' | 'csv';
  done: number;
  total: number;
}

// ---- kiosk mode (src/kiosk/) ----
/** A theme the public can tick on the kiosk. */
export interface KioskTheme {
  id: string;
  label: string;
}
/** All the kiosk may know: whether it is on, its session and the live themes. */
export interface KioskState {
  active: boolean;
  sessionId: string;
  sessionTitle: string;
  /** Whose stall this is: the name set in Settings, else the team's ("" if neither). */
  organisation: string;
  themes: KioskTheme[];
  /** What the session asks: the FFT rating unless not, and its question sets. */
  questions: SessionQuestions;
  /** The kiosk's own words in languages added as data (of = "kiosk"). */
  words: Translation[];
  /** Set by leaveKiosk only: responses received while kiosk mode was on. */
  received: number;
}
/** One submission from the kiosk (the session, source and staff name are Go's). */
export interface KioskFeedbackInput {
  text: string;
  rating: number | null; // 5 Very good … 1 Very poor, 0 Don't know, null = not given
  themes: string[];
  ageBand: string; // "" = not answered
  ethnicGroup: string;
  borough: string;
  responses: ResponseInput[]; // answers to the session's question sets
}
export interface KioskReceipt {
  receivedAt: string;
}

/** Wails events (EventsOn names). */
export const Events = {
  dataChanged: 'data:changed', // payload: { entity: string; id: string }
  integrity: 'store:integrity', // payload: StartupState (a background check found damage)
  syncStatus: 'sync:status', // payload: SyncStatus
  exportProgress: 'export:progress', // payload: ExportProgress
  lock: 'lock:changed', // payload: LockState (Involve locked or unlocked)
} as const;

/** The app lock: whether a passphrase is set, whether Involve is locked, the idle time,
 * and after too many wrong passphrases how long before the next try. */
export interface LockState {
  hasPassphrase: boolean;
  locked: boolean;
  idleMinutes: number;
  /** What the window's idle timer counts: idleMinutes × 60, shorter only under the
   * end-to-end tests' hook (Go: app/desktop/lock_e2e.go). */
  idleSeconds: number;
  waitSeconds: number;
  /** The laptop holds partners' details without a passphrase: ask for one. */
  needsPassphrase: boolean;
  /** Changes the server has not accepted yet (lost if the laptop is set up again). */
  unsentChanges: number;
  /** The laptop keeps sealed partners' details or its team's key: the passphrase can be changed, not removed. */
  holdsSealedData: boolean;
}

// ---- "you said, we did" actions, outcomes, GRIPP2 write-up (Go: involve.Action…) ----

/** A "you said, we did" action. Its feedback links are soft (a deleted item is shown
 * as "no longer available"); projectId/sessionId only file it. Dates are YYYY-MM-DD. */
export interface Action extends RecordMeta {
  feedbackIds: string[];
  themeId: string;
  projectId: string;
  sessionId: string;
  youSaid: string;
  weDid: string;
  owner: string;
  due: string;
  status: string; // planned | in_progress | done | not_possible
  reasonNotPossible: string;
  decisionInfluenced: string;
  communicatedOn: string;
  channel: string;
  published: boolean;
}

export interface ActionFeedback {
  id: string;
  sessionId: string;
  sessionTitle: string;
  text: string;
  missing: boolean; // the feedback item has been deleted
}

export interface ActionView extends Action {
  overdue: boolean;
  feedback: ActionFeedback[]; // in feedbackIds order
  themeLabel: string;
  projectName: string;
  sessionTitle: string;
}

export interface ActionFilter {
  status: string;
  projectId: string;
  sessionId: string;
  feedbackId: string;
}

export interface ActionColumn {
  status: string;
  label: string;
  actions: ActionView[]; // overdue first, then by due date
}

export interface PendingFeedback {
  id: string;
  sessionId: string;
  sessionTitle: string;
  sessionDate: string;
  text: string;
  createdAt: string;
}

export interface ActionsBoard {
  today: string;
  columns: ActionColumn[];
  overdue: number;
  needsResponse: PendingFeedback[]; // oldest first, at most 200
  needsResponseTotal: number;
}

export interface Outcome extends RecordMeta {
  projectId: string;
  sessionIds: string[];
  actionIds: string[];
  description: string;
  impactOn: string[];
  direction: string; // positive | negative
  intended: boolean;
  magnitude: string; // none | minor | substantial | decision_changed
  evidence: string;
  evidenceLink: string; // http(s) URL
  contributorView: string;
  staffView: string;
  standards: string[];
  date: string;
}

/** involve.PrivacyRequest: one entry of the register of information-rights requests
 * (a lead's laptop only). Who asked, who dealt with it, what was done and the reasons
 * are sealed at rest; here they are plain. */
export interface PrivacyRequest extends RecordMeta {
  requestType: string; // access | erasure | withdrawal | rectification | objection
  receivedOn: string;
  receivedVia: string; // email | letter | phone | in_person | other
  contributorId: string; // the partner who asked, or ""
  requester: string; // who asked, when not a partner
  extendedMonths: number; // 0, 1 or 2
  extensionReason: string;
  status: string; // open | done | refused
  doneOn: string;
  doneBy: string;
  actionTaken: string;
  refusalReason: string;
}

/** involve.PrivacyRequestView: a request with its due date on today. */
export interface PrivacyRequestView extends PrivacyRequest {
  dueBy: string;
  overdue: boolean;
  dueSoon: boolean;
  contributorName: string;
  contributorPseudonym: string;
}

/** involve.PrivacyRegister: overdue first, due soon, open, then done or refused. */
export interface PrivacyRegister {
  today: string;
  requests: PrivacyRequestView[];
  types: RefItem[];
  channels: RefItem[];
  statuses: RefItem[];
}

export interface WriteUpSession {
  id: string;
  title: string;
  date: string;
  type: string;
  involvementLevel: string;
  status: string;
  purpose: string;
  intendedOutcome: string;
  attendees: number;
  feedback: number;
  wentWell: string;
  toImprove: string;
}

/** GRIPP2 short form of a project, assembled in Go from stored fields. */
export interface WriteUp {
  projectId: string;
  project: string;
  aim: string;
  methods: string;
  results: string;
  discussion: string;
  reflections: string;
  sessions: WriteUpSession[];
  outcomes: Outcome[];
  actions: Action[];
  peopleReached: number;
  feedbackItems: number;
  actionsDone: number;
  actionsCommunicated: number;
}

// ---- Lived Experience Partners (app/desktop/people.go; amounts are whole pence) ----
export interface PeopleReference {
  contactPreferences: RefItem[];
  paymentRoutes: RefItem[]; // payroll, supplier, voucher, declined
  rateUnits: RefItem[]; // hour, half_day, day, task
  consentPurposes: RefItem[];
  lawfulBases: RefItem[]; // UK GDPR Article 6
  specialConditions: RefItem[]; // Article 9
  consentMethods: RefItem[];
  consentSubjects: RefItem[];
  withdrawnPurposesOff: string[];
}

export interface ContributorInput {
  name: string;
  contactPreference: string;
  contactDetails: string;
  accessNeeds: string;
  role: string;
  agreementStart: string;
  agreementEnd: string;
  livedExperience: string[];
  paymentPreference: string;
  declinesPayment: boolean;
  publicSectorEmployee: boolean;
  benefitsAdviceOffered: boolean;
}

export interface ContributorView extends RecordMeta, ContributorInput {
  number: number;
  consentWithdrawnAt?: string;
  erasedAt?: string; // set when a lead erased the partner: only "Erased contributor N" is left
  pseudonym: string;
  withdrawn: boolean;
  purposes: string[];
  canRecontact: boolean;
  canUsePhotos: boolean;
  canQuote: boolean;
  consents: number;
}

export interface ConsentInput {
  subjectEntity: string; // contributor | feedback
  subjectId: string;
  purposes: string[];
  lawfulBasis: string;
  specialCondition: string;
  noticeVersion: string;
  method: string;
  givenAt: string; // YYYY-MM-DD
  givenBy: string;
  capturedBy: string;
}

export interface Consent extends RecordMeta, ConsentInput {
  withdrawnAt?: string;
  withdrawnBy?: string;
  erasedAt?: string; // its subject was erased: who gave and recorded it are gone
}

export interface RateCardInput {
  unit: string;
  amountPence: number;
  source: string;
  effectiveFrom: string;
  effectiveTo: string;
}

export interface RateCard extends RecordMeta, RateCardInput {}

export interface TimeEntryInput {
  contributorId: string;
  projectId: string;
  sessionId: string;
  task: string;
  date: string;
  unit: string;
  minutesPrep: number;
  minutesAttend: number;
  minutesFollowUp: number;
  minutesTravel: number;
  feeOverridePence: number | null;
  overrideReason: string;
  expensesPence: number;
  receiptRef: string;
  claimedOn: string;
  approvedOn: string;
  paidOn: string;
  route: string;
}

export interface TimeEntry extends RecordMeta, TimeEntryInput {
  rateCardId: string;
  ratePence: number;
  feePence: number;
  erasedAt?: string; // its partner was erased: task, payment reference and override reason are gone
}

export interface TimeEntryView extends TimeEntry {
  minutes: number;
  feeDuePence: number;
  projectName: string;
  sessionTitle: string;
}

export interface FeePreview {
  rateCardId: string;
  rateTitle: string;
  ratePence: number;
  unit: string;
  minutes: number;
  feePence: number;
  feeDuePence: number;
  declined: boolean;
  problem: string;
}

export interface LEPTotal {
  key: string;
  label: string;
  pseudonym?: string;
  entries: number;
  minutes: number;
  feesPence: number;
  expensesPence: number;
  paidClaims: number;
  medianDaysToPay: number;
  maxDaysToPay: number;
}

export interface LEPTotals {
  from: string;
  to: string;
  all: LEPTotal;
  byContributor: LEPTotal[];
  byProject: LEPTotal[];
  byMonth: LEPTotal[];
}

/** The first-run welcome screen (Go GetWelcome): shown once per data folder. */
export interface Welcome {
  show: boolean;
  dataDir: string;
  dbPath: string;
  backupDir: string;
  version: string;
}

/** One open-source component in the About screen's list (scripts/licences.mjs). */
export interface ThirdPartyComponent {
  name: string;
  version: string;
  licence: string;
  url?: string;
}
/** third-party-licences.json, embedded with the frontend by the release build. */
export interface ThirdPartyLicences {
  go: ThirdPartyComponent[];
  npm: ThirdPartyComponent[];
}

// ---- the check against Go ----
//
// Each DTO above is compared with the class Wails generates from the Go type (run
// `wails generate module` after changing a bound Go type): the same JSON field names,
// and the same kind of value in each (string, number, boolean, list, object — field by
// field, all the way down). Adding, renaming or retyping a Go field without changing
// the type here makes `tsc --noEmit` (make typecheck) fail on the line of that type,
// showing the fields that differ. What the comparison leaves aside, on purpose:
// - a string union here ('ok' | 'locked' …) where Go has a string;
// - null, undefined and "?" (Go fills absent fields with zero values; pointers and
//   omitempty fields are optional in the generated classes);
// - the generated classes' methods (createFrom, convertValues);
// - report.Count and report.Percent: they have their own MarshalJSON, so Go sends
//   {value, text} (and Percent's withheld), not the Go fields {N, Suppressed, Withheld}
//   the generator describes. ReportCount and ReportPercent are written by hand from
//   app/report/suppress.go and stand for the generated Count and Percent wherever they
//   appear;
// - fields the UI never reads may be left out of a type, but only by naming them in
//   the check (its third argument), so a renamed one still fails.

type IsAny<T> = 0 extends 1 & T ? true : false;
type Method = (...args: never[]) => unknown;

/** The JSON a generated model class describes: its fields without its methods, with
 * report.Count and report.Percent as their MarshalJSON writes them. */
export type Wire<T> =
  IsAny<T> extends true
    ? T
    : T extends report.Count
      ? ReportCount
      : T extends report.Percent
        ? ReportPercent
        : T extends readonly (infer U)[]
          ? Wire<U>[]
          : T extends object
            ? { [K in keyof T as T[K] extends Method ? never : K]: Wire<T[K]> }
            : T;

/** What the check compares: string, number and boolean unions widened, null,
 * undefined and optionality dropped, all the way down. */
type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer U)[]
        ? Loose<U>[]
        : T extends object
          ? { [K in keyof T]-?: Loose<NonNullable<T[K]>> }
          : T;

type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends (<X>() => X extends B ? 1 : 2) ? true : false;

// Retention (issue 13): the schedule and the records due for review.

/** One line of the retention schedule: the team's rule for a kind of record, or its default. */
export interface RetentionEntry {
  recordKind: string;
  label: string;
  hint?: string;
  period: number;
  unit: 'days' | 'months' | 'years' | string;
  anchor: string;
  /** "6 years after the payment" */
  text: string;
  /** The lead's wish that these records be erased automatically when due (acted on in a later version). */
  autoErase: boolean;
  setBy?: string;
  setAt?: string;
  /** No rule: the default applies. */
  isDefault: boolean;
  defaultText: string;
  /** Where the default comes from. */
  source: string;
  /** The dates the period may count from. */
  anchors: RefItem[];
}

/** What a lead sets for a kind of record (who and when are stamped by Go). */
export interface RetentionRuleInput {
  recordKind: string;
  period: number;
  unit: string;
  anchor: string;
  autoErase: boolean;
}

// Erasure (issue 13; app/involve/erasure.go): "Erase this person", "Erase this comment".

/** The words that replace an erased feedback item's (involve.ErasedText). */
export const ERASED_TEXT = '[This comment was erased at the request of the person who gave it.]';

/** involve.Erasure: names what was erased, when and by whom; never the erased content. */
export interface Erasure extends RecordMeta {
  subjectEntity: string; // contributor | feedback
  subjectId: string;
  number: number; // an erased partner's pseudonym number
  erasedBy: string;
  requestId: string; // the erasure request in the register it answers, or ""
}

/** What erasing a partner or a comment will destroy and keep, before a lead confirms. */
export interface ErasureSummary {
  subjectEntity: string;
  subjectId: string;
  title: string; // the name, or "Contributor 7", or the comment's first words
  pseudonym: string; // what it will be called afterwards
  destroyed: string[];
  kept: string[]; // each with why
  consents: number;
  timeEntries: number;
  conflicts: number;
  actions: number; // "you said" entries that quote the comment
  backups: number; // local backups that will be rewritten or deleted
}

/** What an erasure did on this laptop, with the local backups it rewrote or deleted (file names). */
export interface ErasureResult {
  erasure: Erasure;
  summary: ErasureSummary;
  backupsRewritten: string[];
  backupsDeleted: string[];
}

/** A record past its retention period: named by pseudonym or title, never its content. */
export interface DueItem {
  recordKind: string;
  kindLabel: string;
  entity: string;
  recordId: string;
  title: string;
  from: string;
  dueOn: string;
  why: string;
  autoErase: boolean;
  keptUntil?: string;
}

export interface DueList {
  asOf: string;
  items: DueItem[];
}

/** "Keep until … because …" for a record due for review. */
export interface RetentionHoldInput {
  recordEntity: string;
  recordId: string;
  recordKind: string;
  until: string;
  reason: string;
}


/** true when TS describes the JSON of the generated Go class Go (Unread: Go fields the
 * UI does not read, left out of TS on purpose); otherwise the fields that differ. */
export type SameAsGo<TS, Go, Unread extends keyof Wire<Go> = never> = Compare<Loose<TS>, Loose<Omit<Wire<Go>, Unread>>>;

type Compare<TS, Go> =
  Equal<TS, Go> extends true
    ? true
    : {
        inGoNotHere: Exclude<keyof Go, keyof TS>;
        hereNotInGo: Exclude<keyof TS, keyof Go>;
        differentType: { [K in keyof TS & keyof Go]: Equal<TS[K], Go[K]> extends true ? never : K }[keyof TS & keyof Go];
      };

/** true when every field TS declares is in the generated Go class Go with the same
 * kind of value (Go may send more: the UI reads a part); otherwise the fields that
 * differ. backend.ts checks each wrapper's answer with it. */
export type ReadsFromGo<TS, Go> =
  Loose<Wire<Go>> extends Loose<TS> ? true : Compare<Loose<TS>, Loose<Wire<Go>>>;

/** The answer is true when the shapes agree; the message shows the drift when not. */
type Same<T extends true> = T;

/** The record fields an input form does not send (Go fills them). */
type Meta = keyof RecordMeta;

export type CheckedAgainstGo = [
  Same<SameAsGo<RefItem, involve.RefItem>>,
  // the reach questions' lists: the tally screen has them from SessionReach.questions
  Same<
    SameAsGo<
      ReferenceData,
      involve.ReferenceData,
      'genderSameAsBirth' | 'sexes' | 'sexualOrientations' | 'religions' | 'disabilities' | 'unpaidCarers' | 'imdDeciles'
    >
  >,
  Same<SameAsGo<Theme, involve.Theme, Exclude<Meta, 'id'>>>,
  Same<SameAsGo<ProjectInput, involve.ProjectInput>>,
  Same<SameAsGo<Project, involve.Project>>,
  Same<SameAsGo<SessionInput, involve.SessionInput>>,
  Same<SameAsGo<Session, involve.Session>>,
  Same<SameAsGo<SessionFilter, involve.SessionFilter>>,
  Same<SameAsGo<SessionSummary, involve.SessionSummary>>,
  Same<SameAsGo<NotesSaved, involve.NotesSaved>>,
  Same<SameAsGo<FeedbackInput, involve.FeedbackInput>>,
  Same<SameAsGo<Feedback, involve.Feedback>>,
  Same<SameAsGo<HomeCounts, involve.HomeCounts>>,
  Same<SameAsGo<Home, involve.Home>>,
  Same<SameAsGo<SearchResult, involve.SearchResult, 'rank'>>,
  Same<SameAsGo<Omit<SearchAnswer, 'results'>, desktop.SearchAnswer, 'results'>>, // results: SearchResult, checked above
  Same<SameAsGo<BackupInfo, store.BackupInfo>>,
  Same<SameAsGo<RetentionEntry, store.RetentionEntry>>,
  Same<SameAsGo<DueItem, store.DueItem>>,
  Same<SameAsGo<DueList, desktop.DueList>>,
  Same<SameAsGo<RetentionRuleInput, involve.RetentionRule, Meta | 'setBy' | 'setAt'>>,
  Same<SameAsGo<RetentionHoldInput, involve.RetentionHold, Meta | 'setBy'>>,
  Same<SameAsGo<StartupState, desktop.StartupState>>,
  Same<SameAsGo<AppInfo, desktop.AppInfo>>,
  Same<SameAsGo<DataCheck, desktop.DataCheck>>,
  Same<SameAsGo<TrustedCA, desktop.TrustedCA>>,
  Same<SameAsGo<SyncProgress, desktop.SyncProgress>>,
  Same<SameAsGo<SyncStatus, desktop.SyncStatus>>,
  Same<SameAsGo<ConflictSide, desktop.ConflictSide>>,
  Same<SameAsGo<ConflictView, desktop.ConflictView>>,
  Same<SameAsGo<RejectedChange, desktop.RejectedChange, 'sessionId'>>,
  Same<SameAsGo<ReportFilter, report.Filter>>,
  Same<SameAsGo<ReportLabel, report.Label>>,
  Same<SameAsGo<ReportRow, report.Row>>,
  Same<SameAsGo<ReportCategory, report.Category>>,
  Same<SameAsGo<ReportDimension, report.Dimension>>,
  Same<SameAsGo<ReportActionFigures, report.ActionFigures>>,
  Same<SameAsGo<ReportOutcomeFigures, report.OutcomeFigures>>,
  Same<SameAsGo<ReportLEPFigures, report.LEPFigures>>,
  Same<SameAsGo<ReportThemeRow, report.ThemeRow>>,
  Same<SameAsGo<ReportGripp2, report.Gripp2>>,
  Same<SameAsGo<ReportFigures, report.Figures>>,
  Same<SameAsGo<ReportBreakdownRequest, report.BreakdownRequest>>,
  Same<SameAsGo<ReportQuestionFigures, report.QuestionFigures>>,
  Same<SameAsGo<ExportResult, desktop.ExportResult>>,
  Same<SameAsGo<YouSaidItem, publish.Item>>,
  Same<SameAsGo<YouSaidWeDidPreview, desktop.YouSaidWeDidPreview>>,
  Same<SameAsGo<PublishRequest, desktop.PublishRequest>>,
  Same<SameAsGo<PublishLanguage, desktop.PublishLanguage>>,
  Same<SameAsGo<PublishResult, desktop.PublishResult>>,
  Same<SameAsGo<BoardPackResult, desktop.BoardPackResult>>,
  Same<SameAsGo<ActionPublication, desktop.ActionPublication>>,
  Same<SameAsGo<SubjectAccessResult, desktop.SubjectAccessResult>>,
  Same<SameAsGo<KioskTheme, desktop.KioskTheme>>,
  Same<SameAsGo<KioskState, desktop.KioskState>>,
  Same<SameAsGo<LockState, desktop.LockState>>,
  Same<SameAsGo<KioskFeedbackInput, involve.KioskFeedbackInput>>,
  Same<SameAsGo<KioskReceipt, desktop.KioskReceipt>>,
  Same<SameAsGo<Action, involve.Action>>,
  Same<SameAsGo<ActionFeedback, involve.ActionFeedback>>,
  Same<SameAsGo<ActionView, involve.ActionView>>,
  Same<SameAsGo<ActionFilter, involve.ActionFilter>>,
  Same<SameAsGo<ActionColumn, involve.ActionColumn>>,
  Same<SameAsGo<PendingFeedback, involve.PendingFeedback>>,
  Same<SameAsGo<ActionsBoard, involve.ActionsBoard>>,
  Same<SameAsGo<Outcome, involve.Outcome>>,
  Same<SameAsGo<PrivacyRequest, involve.PrivacyRequest>>,
  Same<SameAsGo<PrivacyRequestView, involve.PrivacyRequestView>>,
  Same<SameAsGo<PrivacyRegister, involve.PrivacyRegister>>,
  Same<SameAsGo<WriteUpSession, involve.WriteUpSession>>,
  Same<SameAsGo<WriteUp, involve.WriteUp>>,
  Same<SameAsGo<PeopleReference, involve.PeopleReference>>,
  Same<SameAsGo<ContributorInput, involve.Contributor, Meta | 'number' | 'consentWithdrawnAt' | 'erasedAt'>>,
  Same<SameAsGo<ContributorView, involve.ContributorView>>,
  Same<SameAsGo<ConsentInput, involve.Consent, Meta | 'withdrawnAt' | 'withdrawnBy' | 'erasedAt'>>,
  Same<SameAsGo<Consent, involve.Consent>>,
  Same<SameAsGo<RateCardInput, involve.RateCard, Meta>>,
  Same<SameAsGo<RateCard, involve.RateCard>>,
  Same<SameAsGo<TimeEntryInput, involve.TimeEntry, Meta | 'rateCardId' | 'ratePence' | 'feePence' | 'erasedAt'>>,
  Same<SameAsGo<TimeEntry, involve.TimeEntry>>,
  Same<SameAsGo<TimeEntryView, involve.TimeEntryView>>,
  Same<SameAsGo<FeePreview, involve.FeePreview>>,
  Same<SameAsGo<LEPTotal, involve.LEPTotal>>,
  Same<SameAsGo<LEPTotals, involve.LEPTotals>>,
  Same<SameAsGo<Welcome, desktop.Welcome>>,
  Same<SameAsGo<Erasure, involve.Erasure>>,
  Same<SameAsGo<ErasureSummary, involve.ErasureSummary>>,
  Same<SameAsGo<ErasureResult, involve.ErasureResult>>,
  // reach.ts
  Same<SameAsGo<TallyDim, involve.TallyDim>>,
  Same<SameAsGo<Tally, involve.Tally>>,
  Same<SameAsGo<Attendee, involve.Attendee>>,
  Same<SameAsGo<ReachQuestion, involve.ReachQuestion>>,
  Same<SameAsGo<TallyWarning, involve.TallyWarning>>,
  Same<SameAsGo<ReachCategory, involve.ReachCategory>>,
  Same<SameAsGo<ReachDimension, involve.ReachDimension>>,
  Same<SameAsGo<Share, involve.Share>>,
  Same<SameAsGo<Reach, involve.Reach>>,
  Same<SameAsGo<SessionReach, involve.SessionReach>>,
  Same<SameAsGo<TallySaved, involve.TallySaved>>,
  Same<SameAsGo<ReachSummary, desktop.ReachSummary>>,
  // questions.ts
  Same<SameAsGo<Choice, involve.Choice>>,
  Same<SameAsGo<ShowIf, involve.ShowIf>>,
  Same<SameAsGo<Question, involve.Question>>,
  Same<SameAsGo<QuestionSet, involve.QuestionSet>>,
  Same<SameAsGo<Translation, involve.Translation>>,
  Same<SameAsGo<Answer, involve.Answer>>,
  Same<SameAsGo<ResponseInput, involve.ResponseInput>>,
  Same<SameAsGo<Response, involve.Response>>,
  Same<SameAsGo<LanguageInfo, desktop.LanguageInfo>>,
  Same<SameAsGo<QuestionSetSummary, desktop.QuestionSetSummary>>,
  Same<SameAsGo<QuestionSetVersion, desktop.QuestionSetVersion>>,
  Same<SameAsGo<QuestionSetView, desktop.QuestionSetView>>,
  Same<SameAsGo<QuestionSetSaved, desktop.QuestionSetSaved>>,
  Same<SameAsGo<AskedSet, desktop.AskedSet>>,
  Same<SameAsGo<SessionQuestions, desktop.SessionQuestions>>,
  // benchmarks.ts
  Same<SameAsGo<BenchmarkShare, involve.BenchmarkShare>>,
  Same<SameAsGo<BenchmarkPopulation, involve.BenchmarkPopulation>>,
  Same<SameAsGo<BenchmarkImport, desktop.BenchmarkImport>>,
  Same<SameAsGo<BenchmarkDimension, desktop.BenchmarkDimension>>,
  Same<SameAsGo<BenchmarkList, desktop.BenchmarkList>>,
  Same<SameAsGo<ComparisonRow, report.ComparisonRow>>,
  Same<SameAsGo<ReachComparison, report.ReachComparison>>,
  // standards.ts
  Same<SameAsGo<StandardRating, involve.StandardRating>>,
  Same<SameAsGo<StandardsAssessmentInput, involve.StandardsAssessment, Meta>>,
  Same<SameAsGo<StandardsAssessment, involve.StandardsAssessment>>,
  Same<SameAsGo<StandardsAssessmentItem, store.StandardsAssessmentItem>>,
  Same<SameAsGo<StandardCell, report.StandardCell>>,
  Same<SameAsGo<StandardRow, report.StandardRow>>,
  Same<SameAsGo<StandardsTimeline, report.StandardsTimeline>>,
  Same<SameAsGo<StandardsOverview, desktop.StandardsOverview>>,
];
