// Reach: a session's attendance tally and anonymous attendee profiles (Go:
// app/involve/tally.go, attendee.go, reach.go), the DTOs the façade returns (checked
// against Go's at the end of types.ts), the tally's normaliser (a question nobody
// counted is absent in Go's JSON, null here) and the tally checks, which mirror
// involve.TallyWarnings so the screen can warn while counts are typed.
import type { RefItem, ReportCount, ReportDimension, ReportPercent } from './types';
import { num } from './format';

export const Basis = { selfReported: 'self_reported', estimated: 'estimated' } as const;
export const NOT_STATED = 'not_stated';
export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';

/** The questions of tallies and profiles (ReachQuestion.code; the Tally and Attendee field). */
export type QuestionCode =
  | 'ageBand'
  | 'sex'
  | 'genderSameAsBirth'
  | 'ethnicity'
  | 'disability'
  | 'sexualOrientation'
  | 'religion'
  | 'unpaidCarer'
  | 'borough'
  | 'imdDecile'
  | 'plusGroups';

/** One question's counts: people per answer code (NOT_STATED for no answer). */
export interface TallyDim {
  basis: string; // self_reported | estimated
  counts: Record<string, number>;
}

interface DocMeta {
  id: string;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
  deviceId?: string;
  rev?: number; // may lose precision in JS: never compared, Go ignores it in edits
  deletedAt?: string;
  teamId?: string;
}

/** A session's tally (one per session). Empty questions are absent (or null). */
export type Tally = DocMeta & {
  sessionId: string;
  formsReturned?: number;
} & { [K in QuestionCode]?: TallyDim | null };

const TALLY_NOT_CONTENT = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'deviceId', 'rev', 'deletedAt', 'teamId', 'sessionId']);

/** The counted parts of a tally (forms returned and each question), as a key → JSON map. */
function tallyContent(t: Tally): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    if (!TALLY_NOT_CONTENT.has(k) && v !== undefined && v !== null) out.set(k, JSON.stringify(v));
  }
  return out;
}

/** Whether two tallies count the same (their record fields aside). */
export function sameTallyCounts(a: Tally, b: Tally): boolean {
  const x = tallyContent(a);
  const y = tallyContent(b);
  return x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
}

/**
 * A three-way merge of a tally, question by question, for counts pulled while the
 * screen is open: base is the tally the screen last loaded or saved, mine what is on
 * screen, theirs the tally now stored. A question (or forms returned) changed on
 * screen since base keeps the screen's counts; every other one takes theirs.
 */
export function mergeTally(base: Tally, mine: Tally, theirs: Tally): Tally {
  const b = tallyContent(base);
  const m = tallyContent(mine);
  const out: Record<string, unknown> = { ...theirs };
  for (const k of new Set([...b.keys(), ...m.keys()])) {
    if (b.get(k) === m.get(k)) continue;
    const v = (mine as unknown as Record<string, unknown>)[k];
    if (v === undefined || v === null) delete out[k];
    else out[k] = v;
  }
  return out as unknown as Tally;
}

/** An anonymous attendee profile: answers are codes, "" = not answered. */
export interface Attendee extends DocMeta {
  sessionId: string;
  ageBand: string;
  sex: string;
  genderSameAsBirth: string;
  ethnicity: string;
  disability: string;
  sexualOrientation: string;
  religion: string;
  unpaidCarer: string;
  borough: string;
  imdDecile: string;
  plusGroups: string[];
}

export interface ReachQuestion {
  code: QuestionCode;
  label: string;
  hint?: string;
  multi: boolean; // several answers per person (PLUS groups): not checked against the total
  items: RefItem[]; // Prefer not to say last
}

export interface TallyWarning {
  field: string; // a question code, or formsReturned, attendees, profiles
  message: string;
}

export interface ReachCategory {
  code: string; // "" = Not stated
  label: string;
  group?: string;
  n: number;
}

export interface ReachDimension {
  code: string;
  label: string;
  multi: boolean;
  categories: ReachCategory[];
  total: number;
  selfReported: number;
  estimated: number;
}

export interface Share {
  num: number;
  den: number;
}

/** Who one session reached (unsuppressed: the staff member's own counts). */
export interface Reach {
  sessions: number;
  sessionsCounted: number;
  peopleReached: number;
  formsReturned: number;
  profiles: number;
  dimensions: ReachDimension[];
  boroughsCovered: RefItem[];
  ethnicMinority: Share;
  core20: Share;
}

export interface SessionReach {
  sessionId: string;
  attendees: number;
  tally: Tally;
  profiles: Attendee[];
  reach: Reach;
  warnings: TallyWarning[];
  questions: ReachQuestion[];
}

export interface TallySaved {
  tally: Tally;
  savedAt: string;
  warnings: TallyWarning[];
}

/** A project's or period's reach with the small-number rule applied (Go: desktop.ReachSummary). */
export interface ReachSummary {
  sessions: number;
  sessionsCounted: number;
  peopleReached: ReportCount;
  formsReturned: ReportCount;
  profiles: ReportCount;
  boroughsCovered: RefItem[];
  ethnicMinority: ReportPercent;
  core20: ReportPercent;
  dimensions: ReportDimension[];
  suppressionRule: string;
}

export const QUESTION_CODES: QuestionCode[] = [
  'ageBand',
  'sex',
  'genderSameAsBirth',
  'ethnicity',
  'disability',
  'sexualOrientation',
  'religion',
  'unpaidCarer',
  'borough',
  'imdDecile',
  'plusGroups',
];

export function normTally(t: Tally): Tally {
  const out: Tally = { ...t, sessionId: t.sessionId ?? '', formsReturned: t.formsReturned ?? 0 };
  for (const q of QUESTION_CODES) {
    const d = t[q];
    out[q] = d ? { basis: d.basis || Basis.selfReported, counts: { ...(d.counts ?? {}) } } : null;
  }
  return out;
}

export function normSessionReach(r: SessionReach): SessionReach {
  return { ...r, tally: normTally(r.tally) };
}

export function normTallySaved(s: TallySaved): TallySaved {
  return { ...s, tally: normTally(s.tally) };
}

export function emptyAttendee(sessionId: string): Attendee {
  return {
    id: '',
    sessionId,
    ageBand: '',
    sex: '',
    genderSameAsBirth: '',
    ethnicity: '',
    disability: '',
    sexualOrientation: '',
    religion: '',
    unpaidCarer: '',
    borough: '',
    imdDecile: '',
    plusGroups: [],
  };
}

/** The answers a profile gives to a question (one code, or the PLUS group codes). */
export function answersOf(a: Attendee, q: QuestionCode): string[] {
  return q === 'plusGroups' ? a.plusGroups : [a[q]];
}

/** People a question counts in the tally. */
export function dimSum(d: TallyDim | null | undefined): number {
  if (!d) return 0;
  return Object.values(d.counts).reduce((s, n) => s + (Number.isFinite(n) ? n : 0), 0);
}

/**
 * The people a question has counted so far: on the tally (here) and with the attendee
 * profiles (total). A profile counts in every single-answer question (as Not stated
 * when it skipped it); PLUS groups count the groups profiles gave, not people.
 */
export function questionCount(
  q: ReachQuestion,
  dim: TallyDim | null | undefined,
  fromProfiles: Record<string, number>,
  nProfiles: number,
): { here: number; total: number } {
  const here = dimSum(dim);
  if (!q.multi) return { here, total: here + nProfiles };
  const given = Object.entries(fromProfiles).reduce((s, [code, n]) => (code === '' ? s : s + n), 0);
  return { here, total: here + given };
}

/** How many profiles gave each answer, per question ("" = not answered). */
export function profileCounts(profiles: Attendee[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const q of QUESTION_CODES) {
    const m: Record<string, number> = {};
    for (const p of profiles) for (const c of answersOf(p, q)) m[c] = (m[c] ?? 0) + 1;
    out[q] = m;
  }
  return out;
}

/** involve.TallyWarnings, for the screen: the same rules and words. */
export function tallyWarnings(attendees: number, t: Tally, nProfiles: number, questions: ReachQuestion[]): TallyWarning[] {
  const out: TallyWarning[] = [];
  let counted = false;
  for (const q of questions) {
    if (q.multi) continue;
    const s = dimSum(t[q.code]);
    if (s === 0) continue;
    counted = true;
    if (attendees === 0) continue;
    const sum = s + nProfiles;
    if (sum !== attendees) {
      out.push({ field: q.code, message: `${q.label} adds up to ${num(sum)}, but the total attendees is ${num(attendees)}` });
    }
  }
  const forms = t.formsReturned ?? 0;
  if (attendees === 0 && (counted || nProfiles > 0)) {
    out.push({ field: 'attendees', message: 'Enter the total attendees so that the counts can be checked against it' });
  }
  if (attendees > 0 && forms > attendees) {
    out.push({ field: 'formsReturned', message: `Forms returned (${num(forms)}) is more than the total attendees (${num(attendees)})` });
  }
  if (attendees > 0 && nProfiles > attendees) {
    out.push({ field: 'profiles', message: `There are more attendee profiles (${num(nProfiles)}) than attendees (${num(attendees)})` });
  }
  if (forms > 0 && nProfiles > forms) {
    out.push({ field: 'profiles', message: `There are more attendee profiles (${num(nProfiles)}) than forms returned (${num(forms)})` });
  }
  return out;
}
