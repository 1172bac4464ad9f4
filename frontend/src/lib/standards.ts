// The self-assessment against the six UK Standards for Public Involvement (issue 16; Go:
// app/involve/standards_assessment.go, app/store/standards.go, app/desktop/standards.go).
// A lead rates each standard red, amber or green with evidence; each assessment is a new
// record, shown over time. The DTOs are checked against Go's at the end of types.ts.
import type { RecordMeta, RefItem } from './types';
import type { Role } from './roles';

export const SCOPE_TEAM = 'team';
export const RATING_NOT_RATED = 'not_rated';
export const MAX_LINKS = 10;

export interface StandardRating {
  standard: string; // "1".."6"
  rating: string; // red | amber | green | not_rated
  evidence: string;
  links: string[]; // https:// or http:// addresses, or "session:<id>", "action:<id>", "outcome:<id>"
  nextSteps: string;
}

export interface StandardsAssessmentInput {
  assessedOn: string; // YYYY-MM-DD
  scope: string; // "team" or a project id
  from: string;
  to: string;
  ratings: StandardRating[];
}

export interface StandardsAssessment extends RecordMeta, StandardsAssessmentInput {}

export interface StandardsAssessmentItem {
  assessment: StandardsAssessment;
  scopeName: string;
}

export interface StandardCell {
  assessmentId: string;
  assessedOn: string;
  rating: string;
}

export interface StandardRow {
  code: string;
  name: string;
  statement: string;
  ratings: StandardCell[]; // oldest first
}

export interface StandardsTimeline {
  scope: string;
  scopeName: string;
  assessments: string[]; // dates, oldest first: the columns
  standards: StandardRow[]; // the six: the rows
}

export interface StandardsOverview {
  assessments: StandardsAssessmentItem[]; // newest first
  overTime: StandardsTimeline;
  ratings: RefItem[];
}

/** Rating the team against the standards: a lead's laptop only, as in Go. A laptop not
 * connected to a server counts as staff (it has no team to rate). */
export const canAssessStandards = (role: Role): boolean => role === 'lead';

export const ONLY_LEAD_STANDARDS =
  'Only your team’s lead rates the team against the UK Standards. You can read every assessment here.';

/** The word of a rating ("Red"), never the colour alone. */
export function ratingLabel(code: string): string {
  switch (code) {
    case 'red':
      return 'Red';
    case 'amber':
      return 'Amber';
    case 'green':
      return 'Green';
    default:
      return 'Not rated';
  }
}

/** The NHS.UK tag colour of a rating. */
export function ratingTagClass(code: string): string {
  switch (code) {
    case 'red':
      return 'nhsuk-tag nhsuk-tag--red';
    case 'amber':
      return 'nhsuk-tag nhsuk-tag--orange';
    case 'green':
      return 'nhsuk-tag nhsuk-tag--green';
    default:
      return 'nhsuk-tag nhsuk-tag--grey';
  }
}

/** Where a record link ("action:<id>") leads in the app; null for a web address. */
export function recordLinkPath(link: string): string | null {
  const m = /^(session|action|outcome):([0-9a-fA-F-]{36})$/.exec(link);
  if (!m) return null;
  switch (m[1]) {
    case 'session':
      return `/sessions/${m[2]}`;
    case 'action':
      return `/actions/${m[2]}/edit`;
    default:
      return null; // an outcome has no screen of its own: shown as text
  }
}

/** The links textarea's lines, without blanks. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
