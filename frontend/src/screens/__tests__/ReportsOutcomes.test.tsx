// Reports screen, outcome-led sections from a mocked GetReport: You said, we did
// (actions, communicated back, overdue, feedback still needing a response, status
// chart), Outcomes and impact, Reach and diversity (from attendees or from feedback
// respondents, with the matching wording; suppressed values as their text), Lived
// Experience Partners (hours from minutes, £ from pence, days or "–"), GRIPP2 per
// project; empty states; axe.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { ReportGripp2 } from '../../lib/types';
import {
  attendeeFigures,
  emptyFigures,
  figures,
  lepFigures,
  noActions,
  noLEP,
  noOutcomes,
  outcomeFigures,
} from '../../test/reportFixtures';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderScreen } from '../../test/renderApp';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const renderReports = () => renderScreen(<ReportsScreen />, '/reports');

const valueIn = (el: HTMLElement) => within(el).getByTestId('figure-value').textContent;

const projects: ReportGripp2[] = [
  {
    projectId: 'p1',
    project: 'Waiting times in Croydon',
    aim: 'Hear from people waiting for outpatient appointments.',
    methods: '2 sessions: 1 workshop, 1 outreach stall. Involvement level: Consult. People reached: 31.',
    results:
      '2 outcomes (1 decision changed, 1 minor):\n- Text reminders in five languages (decision changed, positive)\n- New leaflet (minor, positive)\n12 feedback items recorded.',
    discussion: '3 actions in response to feedback: 2 done, 2 communicated back.\nDecisions influenced:\n- Reminder policy (we did: added languages)',
    reflections: 'Went well: 2026-05-02 Stall at the library: good turnout',
    sessions: 2,
    feedback: 12,
  },
  {
    projectId: 'p2',
    project: 'Young carers',
    aim: 'No involvement aim recorded.',
    methods: 'No sessions in this period.',
    results: 'No outcomes recorded for this period. 0 feedback items recorded.',
    discussion: 'No influence on decisions recorded yet.',
    reflections: 'No reflections recorded.',
    sessions: 0,
    feedback: 0,
  },
];

describe('Reports screen: outcomes, reach and LEP', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 5, 15, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.getReport).mockResolvedValue(figures({ projects }));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leads with outcomes: you said, we did, outcomes, reach, LEP, then the charts and GRIPP2', async () => {
    renderReports();
    await screen.findByTestId('report-actions');
    const order = ['report-figures', 'report-actions', 'report-outcomes', 'report-reach', 'report-lep', 'report-charts', 'report-gripp2'].map(
      (id) => screen.getByTestId(id),
    );
    for (let i = 1; i < order.length; i++) {
      expect(order[i - 1].compareDocumentPosition(order[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    for (const name of ['You said, we did', 'Outcomes and impact', 'Reach and diversity', 'Lived Experience Partners', 'GRIPP2 short form']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    // The reach charts are drawn once, in Reach and diversity, not again among the charts.
    expect(screen.getAllByTestId('chart-reach-ageBand')).toHaveLength(1);
    expect(within(screen.getByTestId('report-reach')).getByTestId('chart-reach-ageBand')).toBeInTheDocument();
    expect(within(screen.getByTestId('report-charts')).queryByTestId(/^chart-reach-/)).toBeNull();
  });

  it('You said, we did: actions, done, % communicated back, overdue, feedback needing a response, status chart', async () => {
    renderReports();
    const section = await screen.findByTestId('report-actions');
    const card = (key: string) => within(section).getByTestId(`action-figure-${key}`);
    expect(valueIn(card('total'))).toBe('8');
    expect(card('total')).toHaveTextContent('1 planned, 1 in progress, 1 not possible');
    expect(valueIn(card('done'))).toBe('5');
    expect(valueIn(card('communicated'))).toBe('67%');
    expect(card('communicated')).toHaveTextContent('4 of 6 done or not possible actions told back to the people who raised them');
    expect(valueIn(card('overdue'))).toBe('1');
    const needs = within(section).getByTestId('actions-needs-response');
    expect(needs).toHaveTextContent('1 feedback item marked as needing a response has no action yet.');
    expect(within(needs).getByRole('link', { name: 'Go to the “You said, we did” board' })).toHaveAttribute('href', '/actions');

    const chart = within(section).getByRole('figure', { name: 'Actions by status' });
    expect(chart).toBe(within(section).getByTestId('chart-actions-status'));
    expect(within(chart).getByRole('img')).toHaveAccessibleName('Bar chart. Actions by status: Planned 1, In progress 1, Done 5, Not possible 1.');
    const table = within(chart).getByRole('table');
    expect(within(table).getByRole('row', { name: /Done/ })).toHaveTextContent('Done5');
    expect(within(table).getByRole('row', { name: /Not possible/ })).toHaveTextContent('Not possible1');
  });

  it('You said, we did with no actions: says so, no chart, still counts feedback needing a response', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ actions: noActions(), needsResponse: 3, needsResponseWithoutAction: 3 }));
    renderReports();
    const section = await screen.findByTestId('report-actions');
    expect(within(section).getByTestId('actions-none')).toHaveTextContent('There are no “you said, we did” actions for this period.');
    expect(within(section).queryByTestId('chart-actions-status')).toBeNull();
    expect(within(section).queryByTestId('action-figure-total')).toBeNull();
    expect(within(section).getByTestId('actions-needs-response')).toHaveTextContent(
      '3 feedback items marked as needing a response have no action yet.',
    );
  });

  it('You said, we did: the wording when nothing, or everything, needing a response is answered', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ needsResponse: 0, needsResponseWithoutAction: 0 }));
    const { unmount } = renderReports();
    expect(await screen.findByTestId('actions-needs-response')).toHaveTextContent(
      'No feedback in this period is marked as needing a response.',
    );
    unmount();
    vi.mocked(backend.getReport).mockResolvedValue(figures({ needsResponse: 2, needsResponseWithoutAction: 0 }));
    renderReports();
    expect(await screen.findByTestId('actions-needs-response')).toHaveTextContent(
      'Every feedback item marked as needing a response has an action.',
    );
  });

  it('Outcomes and impact: total, positive and negative, by magnitude (largest first) and by impact area', async () => {
    renderReports();
    const section = await screen.findByTestId('report-outcomes');
    expect(valueIn(within(section).getByTestId('outcome-figure-total'))).toBe('3');
    expect(valueIn(within(section).getByTestId('outcome-figure-positive'))).toBe('2');
    expect(valueIn(within(section).getByTestId('outcome-figure-negative'))).toBe('1');
    const mag = within(section).getByRole('figure', { name: 'Outcomes by magnitude' });
    expect(within(mag).getByRole('img')).toHaveAccessibleName(
      'Bar chart. Outcomes by magnitude: Decision changed 1, Substantial 1, Minor 1, None 0.',
    );
    const rows = within(within(mag).getByRole('table')).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['MagnitudeOutcomes', 'Decision changed1', 'Substantial1', 'Minor1', 'None0']);
    const impact = within(section).getByRole('figure', { name: 'Outcomes by what they had an impact on' });
    expect(within(within(impact).getByRole('table')).getByRole('row', { name: /Design/ })).toHaveTextContent('Design2');
  });

  it('Outcomes and impact with none recorded', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ outcomes: noOutcomes() }));
    renderReports();
    const section = await screen.findByTestId('report-outcomes');
    expect(within(section).getByTestId('outcomes-none')).toHaveTextContent('No outcomes are recorded for this period.');
    expect(within(section).queryByRole('figure')).toBeNull();
  });

  it('Reach and diversity from attendance tallies and profiles: source, every question, suppressed text', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(attendeeFigures());
    renderReports();
    const section = await screen.findByTestId('report-reach');
    expect(within(section).getByTestId('reach-source')).toHaveTextContent(
      'These figures come from the attendance tallies and attendee profiles of the 2 sessions where who came was counted, of 3 sessions in this period.',
    );
    expect(valueIn(within(section).getByTestId('reach-people'))).toBe('31');
    expect(valueIn(within(section).getByTestId('reach-counted'))).toBe('2 of 3 sessions');
    expect(valueIn(within(section).getByTestId('reach-ethnic-minority'))).toBe('59%');
    expect(within(section).getByTestId('ethnic-minority-definition')).toHaveTextContent(/not “English, Welsh, Scottish, Northern Irish or British”/);
    expect(within(section).getByTestId('ethnic-minority-definition')).toHaveTextContent(/White Irish, Gypsy or Irish Traveller, Roma and Other White count/);
    expect(valueIn(within(section).getByTestId('reach-core20'))).toBe('40%');
    // The headline card says where its figure comes from too.
    expect(screen.getByTestId('figure-ethnicMinority')).toHaveTextContent('Not White British, of the people counted at the sessions');

    // Charts (ethnic group, age band, borough) in that order, each with its table.
    const charts = within(section).getAllByRole('figure');
    expect(charts.map((c) => c.getAttribute('data-testid'))).toEqual(['chart-reach-ethnicGroup', 'chart-reach-ageBand', 'chart-reach-borough']);
    const ages = within(section).getByRole('figure', { name: 'Reach: age band' });
    expect(within(ages).getByRole('img')).toHaveAccessibleName(/^Bar chart of people counted at the sessions, 31 in all\. Age band: 18 to 24 \*, 25 to 34 9/);
    const ageTable = within(ages).getByRole('table');
    expect(within(ageTable).getByRole('row', { name: /65 to 74/ })).toHaveTextContent('65 to 74<5–');
    expect(within(ageTable).getByRole('row', { name: /18 to 24/ })).toHaveTextContent('18 to 24*–');
    expect(within(ageTable).getByRole('row', { name: /25 to 34/ })).toHaveTextContent('25 to 34929%');
    const boroughs = within(within(section).getByTestId('chart-reach-borough')).getByRole('table');
    expect(within(boroughs).getByRole('row', { name: /Southwark/ })).toHaveTextContent('Southwark*–');
    expect(within(boroughs).queryByRole('row', { name: /Croydon/ })).toBeNull();

    // The other questions as tables, with Go's text for hidden counts.
    const sex = within(section).getByRole('table', { name: 'Sex' });
    expect(sex).toBe(within(section).getByTestId('reach-table-sex'));
    expect(within(sex).getByRole('row', { name: /Male/ })).toHaveTextContent('Male*–');
    expect(within(sex).getByRole('row', { name: /Not stated/ })).toHaveTextContent('Not stated<5–');
    expect(within(sex).getByRole('row', { name: /Total/ })).toHaveTextContent('Total31100%');
    expect(within(section).getByRole('table', { name: 'Ethnic group (the 19 Census 2021 categories)' })).toHaveTextContent('African826%');
    expect(within(section).getByTestId('reach-table-imdDecile')).toBeInTheDocument();
    const plus = within(section).getByTestId('reach-table-plusGroups');
    expect(within(plus).getByRole('row', { name: /People experiencing homelessness/ })).toHaveTextContent('<5');
    expect(within(plus).getByRole('row', { name: /People reached/ })).toHaveTextContent('People reached (a person may be in several groups, or none)31');
    expect(within(section).queryByTestId('reach-table-ageBand')).toBeNull();

    // Feedback respondents too (as the workbook's sheet), behind a details.
    const resp = within(section).getByTestId('reach-respondents');
    expect(within(resp).getByText('Who gave feedback (12 feedback respondents)')).toBeInTheDocument();
    expect(within(within(resp).getByTestId('respondents-table-ageBand')).getByRole('row', { name: /Prefer not to say/ })).toHaveTextContent('<5');
  });

  it('Reach and diversity from feedback respondents when no session was counted', async () => {
    renderReports();
    const section = await screen.findByTestId('report-reach');
    expect(within(section).getByTestId('reach-source')).toHaveTextContent(
      'No session in this period has an attendance tally or attendee profiles, so these figures come from the 12 feedback respondents',
    );
    expect(valueIn(within(section).getByTestId('reach-counted'))).toBe('0 of 3 sessions');
    expect(valueIn(within(section).getByTestId('reach-ethnic-minority'))).toBe('–');
    expect(within(section).getByTestId('ethnic-minority-definition')).toHaveTextContent(
      /feedback respondents who gave their group as Asian, Black, Mixed or Multiple, or Other ethnic group/,
    );
    expect(within(section).getByTestId('ethnic-minority-definition')).not.toHaveTextContent(/White Irish/);
    expect(valueIn(within(section).getByTestId('reach-core20'))).toBe('Not recorded');
    expect(screen.getByTestId('figure-ethnicMinority')).toHaveTextContent('of the people who gave feedback');
    expect(within(within(section).getByTestId('chart-reach-ageBand')).getByRole('img')).toHaveAccessibleName(
      /^Bar chart of people who gave feedback, 12 in all\./,
    );
    expect(within(section).queryByRole('heading', { name: 'Other questions' })).toBeNull();
    expect(within(section).queryByTestId('reach-respondents')).toBeNull();
  });

  it('Lived Experience Partners: hours from minutes, £ from pence, days from claim to payment', async () => {
    renderReports();
    const section = await screen.findByTestId('report-lep');
    const row = (key: string) => within(section).getByTestId(`lep-${key}`);
    expect(valueIn(row('contributors'))).toBe('3');
    expect(valueIn(row('hours'))).toBe('12.5');
    expect(row('hours')).toHaveTextContent('12 hours 30 minutes in 7 time entries');
    expect(valueIn(row('fees'))).toBe('£1,234.50');
    expect(valueIn(row('expenses'))).toBe('£45.20');
    expect(valueIn(row('paid'))).toBe('£800.00');
    expect(valueIn(row('median-days'))).toBe('10.5 days');
    expect(valueIn(row('max-days'))).toBe('30 days');
  });

  it('Lived Experience Partners: "–" when no claim was paid; none logged', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(
      figures({ lep: lepFigures({ contributors: 1, entries: 1, minutes: 45, feesPence: 1875, expensesPence: 0, paidPence: 0, medianDaysToPay: -1, maxDaysToPay: -1 }) }),
    );
    const { unmount } = renderReports();
    const section = await screen.findByTestId('report-lep');
    expect(valueIn(within(section).getByTestId('lep-hours'))).toBe('0.75');
    expect(within(section).getByTestId('lep-hours')).toHaveTextContent('45 minutes in 1 time entry');
    expect(valueIn(within(section).getByTestId('lep-fees'))).toBe('£18.75');
    expect(valueIn(within(section).getByTestId('lep-expenses'))).toBe('£0.00');
    expect(valueIn(within(section).getByTestId('lep-median-days'))).toBe('–');
    expect(valueIn(within(section).getByTestId('lep-max-days'))).toBe('–');
    unmount();

    vi.mocked(backend.getReport).mockResolvedValue(figures({ lep: noLEP() }));
    renderReports();
    expect(await screen.findByTestId('lep-none')).toHaveTextContent('No Lived Experience Partner time is logged for this period.');
    expect(screen.queryByTestId('lep-figures')).toBeNull();
  });

  it('GRIPP2 short form: one details per project with its five items', async () => {
    const user = userEvent.setup();
    renderReports();
    const section = await screen.findByTestId('report-gripp2');
    const items = within(section).getAllByTestId('gripp2-project');
    expect(items.map((d) => d.getAttribute('data-project-id'))).toEqual(['p1', 'p2']);
    const first = items[0];
    await user.click(within(first).getByText('Waiting times in Croydon'));
    expect(first).toHaveAttribute('open');
    expect(within(first).getByText('2 sessions and 12 feedback items in this period')).toBeInTheDocument();
    expect(within(first).getByTestId('gripp2-aim')).toHaveTextContent('1. AimHear from people waiting for outpatient appointments.');
    expect(within(first).getByTestId('gripp2-results')).toHaveTextContent(/Text reminders in five languages \(decision changed, positive\)/);
    expect(within(first).getByTestId('gripp2-discussion')).toHaveTextContent(/Reminder policy \(we did: added languages\)/);
    expect(within(first).getByTestId('gripp2-reflections')).toHaveTextContent(/good turnout/);
    expect(within(items[1]).getByTestId('gripp2-methods')).toHaveTextContent('No sessions in this period.');
  });

  it('GRIPP2 with no projects', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ projects: [] }));
    renderReports();
    expect(await screen.findByTestId('gripp2-none')).toHaveTextContent('No project has sessions, actions or outcomes in this period.');
  });

  it('a period with no sessions still shows its outcomes and actions (no reach)', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(
      emptyFigures({ outcomes: outcomeFigures({ total: 1, positive: 1, negative: 0 }), projects: [projects[1]] }),
    );
    renderReports();
    await screen.findByTestId('report-empty');
    expect(screen.getByTestId('report-outcomes')).toBeInTheDocument();
    expect(screen.getByTestId('actions-none')).toBeInTheDocument();
    expect(screen.getByTestId('lep-none')).toBeInTheDocument();
    expect(screen.getAllByTestId('gripp2-project')).toHaveLength(1);
    expect(screen.queryByTestId('report-reach')).toBeNull();
    expect(screen.queryByTestId('report-figures')).toBeNull();
  });

  it('a period with nothing at all shows only the empty message', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(emptyFigures());
    renderReports();
    await screen.findByTestId('report-empty');
    for (const id of ['report-actions', 'report-outcomes', 'report-reach', 'report-lep', 'report-gripp2']) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
  });

  it('is clean under axe with attendee reach, tables and GRIPP2 open', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getReport).mockResolvedValue(attendeeFigures({ projects }));
    const { container } = renderReports();
    const reach = await screen.findByTestId('report-reach');
    await user.click(within(reach).getByText('Who gave feedback (12 feedback respondents)'));
    await user.click(within(screen.getByTestId('chart-actions-status')).getByText(/Show as a table/));
    await user.click(within(screen.getAllByTestId('gripp2-project')[0]).getByText('Waiting times in Croydon'));
    await expectAxeClean(container);
  });

  it('is clean under axe with the empty states', async () => {
    vi.mocked(backend.getReport).mockResolvedValue(figures({ actions: noActions(), outcomes: noOutcomes(), lep: noLEP(), projects: [] }));
    const { container } = renderReports();
    await screen.findByTestId('actions-none');
    await expectAxeClean(container);
  });
});
