// Report figures shaped like Go's report.Figures JSON (Count and Percent as {value, text}).
import type { ExportResult, ReportCount, ReportFigures, ReportPercent } from '../lib/types';

export const count = (n: number): ReportCount => ({ value: n, text: String(n) });
export const suppressed: ReportCount = { value: null, text: '<5' };
export const withheld: ReportCount = { value: null, text: '*' };
export const pct = (f: number): ReportPercent => ({ value: f, text: `${Math.round(f * 100)}%` });
export const noPct: ReportPercent = { value: null, text: '\u2013' };

export function figures(over: Partial<ReportFigures> = {}): ReportFigures {
  return {
    filter: { from: '2026-04-01', to: '2027-03-31', projectId: '', borough: '', sessionType: '', teamId: '' },
    filterText: ['Period: 2026-04-01 to 2027-03-31'],
    generatedAt: '2026-06-15T10:00:00+01:00',
    referenceVersion: '2026.1',
    sessions: 3,
    sessionsHeld: 2,
    sessionsPlanned: 1,
    peopleReached: count(48),
    feedbackItems: 12,
    respondents: 12,
    fftPositive: pct(0.75),
    ethnicMinority: noPct,
    core20: noPct,
    boroughsCovered: [
      { code: 'E09000022', label: 'Lambeth' },
      { code: 'E09000028', label: 'Southwark' },
    ],
    quotesAllowed: 4,
    needsResponse: 2,
    sessionsByType: [
      { code: 'workshop', label: 'Workshop', count: 2 },
      { code: 'focus_group', label: 'Focus group', count: 0 },
      { code: 'outreach_stall', label: 'Outreach stall', count: 1 },
    ],
    ratings: [
      { code: '5', label: 'Very good', count: 6 },
      { code: '4', label: 'Good', count: 3 },
      { code: '3', label: 'Neither good nor poor', count: 1 },
      { code: '2', label: 'Poor', count: 1 },
      { code: '1', label: 'Very poor', count: 1 },
      { code: '0', label: "Don't know", count: 0 },
      { code: '', label: 'Not given', count: 0 },
    ],
    reach: [
      {
        code: 'ageBand',
        label: 'Age band',
        total: 12,
        categories: [
          { code: '18_24', label: '18 to 24', count: count(9), percent: pct(0.75) },
          { code: 'prefer_not_to_say', label: 'Prefer not to say', count: suppressed, percent: noPct },
          { code: '', label: 'Not stated', count: withheld, percent: noPct },
        ],
      },
      {
        code: 'ethnicGroup',
        label: 'Ethnic group',
        total: 12,
        categories: [
          { code: 'asian', label: 'Asian, Asian British or Asian Welsh', count: count(0), percent: pct(0) },
          { code: 'white', label: 'White', count: count(0), percent: pct(0) },
          { code: '', label: 'Not stated', count: count(12), percent: pct(1) },
        ],
      },
      {
        code: 'borough',
        label: 'Borough where they live',
        total: 12,
        categories: [
          { code: 'E09000022', label: 'Lambeth', count: count(7), percent: pct(0.58) },
          { code: 'E09000028', label: 'Southwark', count: suppressed, percent: noPct },
          { code: 'E09000008', label: 'Croydon', count: count(0), percent: pct(0) },
          { code: '', label: 'Not stated', count: withheld, percent: noPct },
        ],
      },
    ],
    themes: [
      { id: 't-access', label: 'Access', count: 5, positive: 2, neutral: 1, negative: 2, noRating: 0 },
      { id: 't-comm', label: 'Communication', count: 3, positive: 3, neutral: 0, negative: 0, noRating: 0 },
    ],
    projects: [],
    ...over,
  };
}

export function emptyFigures(over: Partial<ReportFigures> = {}): ReportFigures {
  return figures({
    sessions: 0,
    sessionsHeld: 0,
    sessionsPlanned: 0,
    peopleReached: count(0),
    feedbackItems: 0,
    respondents: 0,
    fftPositive: noPct,
    boroughsCovered: [],
    quotesAllowed: 0,
    needsResponse: 0,
    themes: [],
    ...over,
  });
}

export function exportResult(over: Partial<ExportResult> = {}): ExportResult {
  return {
    path: '/home/sam/Documents/Involve summary 2026-06-15.xlsx',
    files: ['/home/sam/Documents/Involve summary 2026-06-15.xlsx'],
    cancelled: false,
    sessions: 3,
    feedback: 12,
    bytes: 24576,
    ...over,
  };
}
