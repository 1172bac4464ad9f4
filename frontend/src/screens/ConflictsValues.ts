// Conflict values in plain words. Go sends each value as JSON text and, usually, as
// display words too; when display is empty the value is decoded here: text as it is,
// coded lists as labels from the reference data, ratings by label, booleans Yes/No.
import { formatDate, formatDateTime } from '../lib/dates';
import { labelOf, ratingLabel } from '../lib/refdata';
import type { ConflictSide, ConflictView, ReferenceData, Theme } from '../lib/types';

type RefKey = Exclude<keyof ReferenceData, 'version'>;

/** Fields whose values are codes of a reference list (single or list), per entity. */
const CODED: Record<string, Record<string, RefKey>> = {
  session: {
    type: 'sessionTypes',
    mode: 'sessionModes',
    status: 'sessionStatuses',
    involvementLevel: 'involvementLevels',
    engagementStage: 'engagementStages',
    standards: 'standards',
    accessSupport: 'accessSupport',
    borough: 'boroughs',
  },
  feedback: {
    source: 'feedbackSources',
    ageBand: 'ageBands',
    ethnicGroup: 'ethnicGroups',
    borough: 'boroughs',
  },
  project: {
    core20plus5: 'core20plus5',
    plusGroups: 'plusGroups',
    boroughs: 'boroughs',
  },
  theme: {},
};

const EMPTY = '(empty)';

export const isDeleteConflict = (c: Pick<ConflictView, 'field'>) => c.field === 'deletedAt';

/** The JSON text parsed, or undefined when it is not JSON. */
export function parseValue(json: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A date as Go and the database keep it, "2026-12-06": shown as "6 December 2026". */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDateField = (field: string) => field === 'date' || /Date$/.test(field);
const isTimeField = (field: string) => /Time$/.test(field);
const isIdField = (field: string) => /Id$/.test(field) || field === 'id';
const isStampField = (field: string) => /At$/.test(field);

/** The value of one side in plain words. */
export function decodeValue(
  entity: string,
  field: string,
  json: string,
  ref: ReferenceData,
  themes: Theme[] = [],
): string {
  const parsed = parseValue(json);
  if (!parsed.ok) return json;
  const v = parsed.value;
  if (v === null || v === undefined || v === '') return EMPTY;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  const codedList = CODED[entity]?.[field];
  const label = (code: string) => {
    if (codedList) return labelOf(ref[codedList], code);
    if (field === 'themes') return themes.find((t) => t.id === code)?.label ?? code;
    return code;
  };
  if (typeof v === 'number') {
    if (field === 'rating') return ratingLabel(ref.ratings, v);
    return String(v);
  }
  if (typeof v === 'string') {
    if (isStampField(field)) return formatDateTime(v) || v;
    if (isDateField(field) || ISO_DATE.test(v)) return formatDate(v);
    return label(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return EMPTY;
    return v.map((x) => (typeof x === 'string' ? label(x) : JSON.stringify(x))).join(', ');
  }
  return JSON.stringify(v);
}

/**
 * What to show for a side: Go's display words, else the value decoded here. Go's words
 * for a date are the stored YYYY-MM-DD text, so a date is put in words here either way.
 */
export function sideText(c: ConflictView, side: ConflictSide, ref: ReferenceData, themes: Theme[] = []): string {
  const shown = side.display || decodeValue(c.entity, c.field, side.value, ref, themes);
  return ISO_DATE.test(shown) ? formatDate(shown) : shown;
}

/**
 * How "Combine" works for this field: free text is edited in a textarea prefilled with
 * both values; a list takes the items of both; anything else (codes, dates, numbers,
 * yes/no, a deletion) has no combine.
 */
export function combineKind(c: ConflictView): 'text' | 'list' | null {
  if (isDeleteConflict(c)) return null;
  const kind = c.kind || kindOf(c.winner.value) || kindOf(c.loser.value);
  if (kind === 'array') return 'list';
  if (kind !== 'string') return null;
  const f = c.field;
  if (CODED[c.entity]?.[f] || isDateField(f) || isTimeField(f) || isIdField(f) || isStampField(f)) return null;
  return 'text';
}

function kindOf(json: string): string {
  const p = parseValue(json);
  if (!p.ok || p.value === null) return '';
  return Array.isArray(p.value) ? 'array' : typeof p.value;
}

const asText = (json: string): string => {
  const p = parseValue(json);
  return p.ok && typeof p.value === 'string' ? p.value : '';
};
const asList = (json: string): unknown[] => {
  const p = parseValue(json);
  return p.ok && Array.isArray(p.value) ? p.value : [];
};

/** Both texts, the one in the record first, a blank line between (one if they are equal). */
export function combinedText(c: ConflictView): string {
  const a = asText(c.winner.value).trim();
  const b = asText(c.loser.value).trim();
  if (!a) return b;
  if (!b || a === b) return a;
  return `${a}\n\n${b}`;
}

/** The items of both lists, the record's first, each once. */
export function combinedList(c: ConflictView): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const x of [...asList(c.winner.value), ...asList(c.loser.value)]) {
    const k = JSON.stringify(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/**
 * For a "deleted on one laptop, edited on another" conflict: which resolution keeps the
 * record deleted, and which restores it with the edits. The side whose deletedAt is set
 * is the deletion (normally the winner: the record stays deleted).
 */
export function deleteResolutions(c: ConflictView): { keepDeleted: 'kept' | 'replaced'; restore: 'kept' | 'replaced' } {
  const winnerDeleted = asText(c.winner.value) !== '';
  const loserDeleted = asText(c.loser.value) !== '';
  if (!winnerDeleted && loserDeleted) return { keepDeleted: 'replaced', restore: 'kept' };
  return { keepDeleted: 'kept', restore: 'replaced' };
}

/** Where a record opens in the app ("" when it has no page). */
export function recordLink(entity: string, recordId: string, sessionId?: string): string {
  switch (entity) {
    case 'session':
      return `/sessions/${recordId}`;
    case 'feedback':
      return sessionId ? `/sessions/${sessionId}?feedback=${encodeURIComponent(recordId)}` : '';
    case 'project':
      return `/projects/${recordId}`;
    case 'theme':
      return '/themes';
    default:
      return '';
  }
}

export const ENTITY_LABEL: Record<string, string> = {
  session: 'Session',
  feedback: 'Feedback',
  project: 'Project',
  theme: 'Theme',
};

/** "Untitled session" and the like when a record has no title. */
export function recordTitle(entity: string, title: string): string {
  if (title) return title;
  return `Untitled ${(ENTITY_LABEL[entity] ?? 'record').toLowerCase()}`;
}
