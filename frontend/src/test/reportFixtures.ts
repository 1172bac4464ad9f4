// Report figures shaped like Go's report.Figures JSON (Count and Percent as {value, text}).
import type {
  ExportResult,
  ReportActionFigures,
  ReportCount,
  ReportDimension,
  ReportFigures,
  ReportLEPFigures,
  ReportOutcomeFigures,
  ReportPercent,
} from '../lib/types';

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
    fftPositive: pct(0.75),
    ethnicMinority: noPct,
    ethnicMinoritySource: 'feedback',
    core20: noPct,
    boroughsCovered: [
      { code: 'E09000022', label: 'Lambeth' },
      { code: 'E09000028', label: 'Southwark' },
    ],
    quotesAllowed: 4,
    needsResponse: 2,
    needsResponseWithoutAction: 1,
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
    reachCounted: 0,
    attendeeReach: [],
    respondents: respondentDims(),
    reach: respondentDims(),
    themes: [
      { id: 't-access', label: 'Access', count: 5, positive: 2, neutral: 1, negative: 2, noRating: 0 },
      { id: 't-comm', label: 'Communication', count: 3, positive: 3, neutral: 0, negative: 0, noRating: 0 },
    ],
    actions: actionFigures(),
    outcomes: outcomeFigures(),
    lep: lepFigures(),
    projects: [],
    ...over,
  };
}

/** Feedback respondents' age band, ethnic group and borough (report.Figures.respondents). */
export function respondentDims(): ReportDimension[] {
  return [
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
  ];
}

/** Actions: 8 in all, 5 done (4 of 6 closed told back), 1 overdue. */
export function actionFigures(over: Partial<ReportActionFigures> = {}): ReportActionFigures {
  return {
    total: 8,
    planned: 1,
    inProgress: 1,
    done: 5,
    notPossible: 1,
    overdue: 1,
    communicatedBack: 4,
    communicatedPct: pct(4 / 6),
    published: 2,
    byStatus: [
      { code: 'planned', label: 'Planned', count: 1 },
      { code: 'in_progress', label: 'In progress', count: 1 },
      { code: 'done', label: 'Done', count: 5 },
      { code: 'not_possible', label: 'Not possible', count: 1 },
    ],
    ...over,
  };
}

export const noActions = (): ReportActionFigures =>
  actionFigures({
    total: 0,
    planned: 0,
    inProgress: 0,
    done: 0,
    notPossible: 0,
    overdue: 0,
    communicatedBack: 0,
    communicatedPct: noPct,
    published: 0,
    byStatus: actionFigures().byStatus.map((r) => ({ ...r, count: 0 })),
  });

/** Outcomes: 3 (1 minor, 1 substantial, 1 decision changed; 2 positive, 1 negative). */
export function outcomeFigures(over: Partial<ReportOutcomeFigures> = {}): ReportOutcomeFigures {
  return {
    total: 3,
    byMagnitude: [
      { code: 'none', label: 'None', count: 0 },
      { code: 'minor', label: 'Minor', count: 1 },
      { code: 'substantial', label: 'Substantial', count: 1 },
      { code: 'decision_changed', label: 'Decision changed', count: 1 },
    ],
    byImpact: [
      { code: 'design', label: 'Design', count: 2 },
      { code: 'materials', label: 'Materials', count: 1 },
      { code: 'decision', label: 'Decision', count: 1 },
      { code: 'implementation', label: 'Implementation', count: 0 },
      { code: 'people', label: 'People', count: 0 },
      { code: 'organisation', label: 'Organisation', count: 0 },
    ],
    positive: 2,
    negative: 1,
    ...over,
  };
}

export const noOutcomes = (): ReportOutcomeFigures =>
  outcomeFigures({
    total: 0,
    byMagnitude: outcomeFigures().byMagnitude.map((r) => ({ ...r, count: 0 })),
    byImpact: outcomeFigures().byImpact.map((r) => ({ ...r, count: 0 })),
    positive: 0,
    negative: 0,
  });

/** LEP time: 3 partners, 7 entries, 12 h 30 min, £1,234.50 fees, £45.20 expenses. */
export function lepFigures(over: Partial<ReportLEPFigures> = {}): ReportLEPFigures {
  return {
    contributors: 3,
    entries: 7,
    minutes: 750,
    feesPence: 123450,
    expensesPence: 4520,
    paidPence: 80000,
    medianDaysToPay: 10.5,
    maxDaysToPay: 30,
    ...over,
  };
}

export const noLEP = (): ReportLEPFigures =>
  lepFigures({ contributors: 0, entries: 0, minutes: 0, feesPence: 0, expensesPence: 0, paidPence: 0, medianDaysToPay: -1, maxDaysToPay: -1 });

/** Who came to 2 counted sessions (31 people), from tallies and profiles
 * (report.Figures.attendeeReach), suppressed as Go does: one "<5" in a list withholds
 * the next smallest count ("*"). Only some of each question's answers, for brevity. */
export function attendeeDims(): ReportDimension[] {
  return [
    {
      code: 'ageBand',
      label: 'Age band',
      total: 31,
      categories: [
        { code: '18_24', label: '18 to 24', count: withheld, percent: noPct },
        { code: '25_34', label: '25 to 34', count: count(9), percent: pct(9 / 31) },
        { code: '35_44', label: '35 to 44', count: count(7), percent: pct(7 / 31) },
        { code: '65_74', label: '65 to 74', count: suppressed, percent: noPct },
        { code: '', label: 'Not stated', count: count(6), percent: pct(6 / 31) },
      ],
    },
    {
      code: 'sex',
      label: 'Sex',
      total: 31,
      categories: [
        { code: 'female', label: 'Female', count: count(17), percent: pct(17 / 31) },
        { code: 'male', label: 'Male', count: withheld, percent: noPct },
        { code: 'prefer_not_to_say', label: 'Prefer not to say', count: count(0), percent: pct(0) },
        { code: '', label: 'Not stated', count: suppressed, percent: noPct },
      ],
    },
    {
      code: 'ethnicity',
      label: 'Ethnic group',
      total: 31,
      categories: [
        { code: 'african', label: 'African', count: count(8), percent: pct(8 / 31) },
        { code: 'caribbean', label: 'Caribbean', count: count(5), percent: pct(5 / 31) },
        { code: 'white_british', label: 'English, Welsh, Scottish, Northern Irish or British', count: count(9), percent: pct(9 / 31) },
        { code: 'irish', label: 'Irish', count: count(0), percent: pct(0) },
        { code: '', label: 'Not stated', count: count(9), percent: pct(9 / 31) },
      ],
    },
    {
      code: 'ethnicGroup',
      label: 'Ethnic group (5 groups)',
      total: 31,
      categories: [
        { code: 'asian', label: 'Asian, Asian British or Asian Welsh', count: count(0), percent: pct(0) },
        { code: 'black', label: 'Black, Black British, Black Welsh, Caribbean or African', count: count(13), percent: pct(13 / 31) },
        { code: 'white', label: 'White', count: count(9), percent: pct(9 / 31) },
        { code: '', label: 'Not stated', count: count(9), percent: pct(9 / 31) },
      ],
    },
    {
      code: 'borough',
      label: 'Borough where they live',
      total: 31,
      categories: [
        { code: 'E09000022', label: 'Lambeth', count: count(12), percent: pct(12 / 31) },
        { code: 'E09000028', label: 'Southwark', count: withheld, percent: noPct },
        { code: 'E09000008', label: 'Croydon', count: count(0), percent: pct(0) },
        { code: 'outside_london', label: 'Outside London', count: suppressed, percent: noPct },
        { code: '', label: 'Not stated', count: count(9), percent: pct(9 / 31) },
      ],
    },
    {
      code: 'imdDecile',
      label: 'IMD decile where they live',
      total: 31,
      categories: [
        { code: '1', label: '1 (most deprived)', count: count(6), percent: pct(6 / 31) },
        { code: '2', label: '2', count: count(0), percent: pct(0) },
        { code: '5', label: '5', count: count(9), percent: pct(9 / 31) },
        { code: '', label: 'Not stated', count: count(16), percent: pct(16 / 31) },
      ],
    },
    {
      code: 'plusGroups',
      label: 'PLUS groups',
      multi: true,
      total: 31,
      categories: [
        { code: 'ethnic_minority', label: 'Ethnic minority communities', count: count(13), percent: pct(13 / 31) },
        { code: 'carers', label: 'Carers', count: withheld, percent: noPct },
        { code: 'homelessness', label: 'People experiencing homelessness', count: suppressed, percent: noPct },
      ],
    },
  ];
}

/** Figures of a period where who came was counted at 2 of its 3 sessions. */
export function attendeeFigures(over: Partial<ReportFigures> = {}): ReportFigures {
  return figures({
    peopleReached: count(31),
    reachCounted: 2,
    attendeeReach: attendeeDims(),
    reach: attendeeDims(),
    ethnicMinority: pct(13 / 22),
    ethnicMinoritySource: 'attendees',
    core20: pct(0.4),
    ...over,
  });
}

export function emptyFigures(over: Partial<ReportFigures> = {}): ReportFigures {
  return figures({
    sessions: 0,
    sessionsHeld: 0,
    sessionsPlanned: 0,
    peopleReached: count(0),
    feedbackItems: 0,
    fftPositive: noPct,
    boroughsCovered: [],
    quotesAllowed: 0,
    needsResponse: 0,
    needsResponseWithoutAction: 0,
    themes: [],
    actions: noActions(),
    outcomes: noOutcomes(),
    lep: noLEP(),
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
