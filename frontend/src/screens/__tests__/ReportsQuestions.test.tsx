// Reports screen, Questions section (issue 15): per question a chart with its table,
// suppressed counts shown as Go wrote them, free text only with consent (the rest
// counted), ranking with its score explained, a number's median, and a breakdown of
// one chosen question by one demographic, asked of Go when chosen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { ReportQuestionFigures, ReportQuestionResult } from '../../lib/types';
import { count, figures, noPct, pct, suppressed, withheld } from '../../test/reportFixtures';
import { ReportsScreen } from '../ReportsScreen';
import { expectAxeClean } from '../../test/axe';
import { renderScreen } from '../../test/renderApp';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const question = (over: Partial<ReportQuestionResult>): ReportQuestionResult => ({
  key: 'q1',
  id: 'q1',
  type: 'single',
  text: 'Which idea?',
  label: 'Which idea?',
  versions: [1],
  other: false,
  asked: 20,
  answered: count(20),
  answeredPct: pct(1),
  categories: [],
  breakable: true,
  ...over,
});

function questionFigures(over: Partial<ReportQuestionFigures> = {}): ReportQuestionFigures {
  return {
    responses: 20,
    unmatched: 0,
    breakdown: null,
    sets: [
      {
        familyId: 'fam1',
        prefix: 'sabcd1234',
        name: 'Clinic ideas',
        purpose: 'Which ideas to try first',
        versions: [1, 2],
        responses: 20,
        questions: [
          question({
            label: 'Which idea do you like best? (version 2)',
            categories: [
              { code: 'a', label: 'Alpha', count: count(16), percent: pct(0.8) },
              { code: 'b', label: 'Beta', count: suppressed, percent: noPct },
              { code: 'prefer_not_say', label: 'Prefer not to say', count: withheld, percent: noPct },
              { code: '', label: 'Not answered', count: count(0), percent: pct(0) },
            ],
          }),
          question({
            key: 'q2',
            id: 'q2',
            type: 'ranking',
            text: 'Top two',
            label: 'Top two',
            pick: 2,
            categories: [
              { code: 'x', label: 'Ex', count: count(20), percent: pct(1) },
              { code: '', label: 'Not answered', count: count(0), percent: pct(0) },
            ],
            ranking: [{ code: 'x', label: 'Ex', first: count(20), picked: count(20), score: 40 }],
          }),
          question({
            key: 'q3',
            id: 'q3',
            type: 'number',
            text: 'How many visits?',
            label: 'How many visits?',
            breakable: false,
            categories: [{ code: 'answered', label: 'Answered', count: count(20), percent: pct(1) }],
            number: { count: count(20), min: 1, median: 3.5, max: 9 },
          }),
          question({
            key: 'q4',
            id: 'q4',
            type: 'text',
            text: 'Anything else?',
            label: 'Anything else?',
            breakable: false,
            categories: [{ code: 'answered', label: 'Answered', count: count(20), percent: pct(1) }],
            quotes: ['More evening clinics please'],
            quotesWithheld: 12,
          }),
        ],
      },
    ],
    ...over,
  };
}

describe('Reports screen: Questions', { timeout: 20000 }, () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 5, 15, 10, 0) });
    vi.mocked(backend.listProjects).mockResolvedValue([]);
    vi.mocked(backend.getReport).mockResolvedValue(figures());
    vi.mocked(backend.getReportQuestions).mockResolvedValue(questionFigures());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.mocked(backend.getReportQuestions).mockReset();
  });

  it('shows each question as a chart with its table, suppressed counts as their text, and is axe clean', async () => {
    const { container } = renderScreen(<ReportsScreen />, '/reports');
    const section = await screen.findByTestId('report-questions');
    const links = within(screen.getByRole('navigation', { name: 'Contents of this report' })).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toContain('Questions');
    expect(within(section).getByRole('heading', { name: 'Clinic ideas' })).toBeInTheDocument();
    const chart = within(section).getByRole('figure', { name: 'Which idea do you like best? (version 2)' });
    const rows = within(chart)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toContain('Alpha1680%');
    expect(rows).toContain('Beta<5\u2013');
    expect(rows).toContain('Prefer not to say*\u2013');
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toContain('Beta <5');
    // ranking: its table and the score explained
    const ranking = within(section).getByTestId('question-ranking');
    expect(within(ranking).getByRole('row', { name: /Ex/ }).textContent).toBe('Ex202040');
    expect(section.textContent).toContain('a first place earns N points');
    // number: median shown
    expect(within(section).getByTestId('question-number').textContent).toContain('Median3.5');
    // free text: only the quotable answers, the rest counted
    const quotes = within(section).getByTestId('question-quotes');
    expect(within(quotes).getByText('More evening clinics please')).toBeInTheDocument();
    expect(within(quotes).getByTestId('quotes-withheld').textContent).toContain('12 answers from people who did not agree to be quoted');
    // the workbook's suppression marks are explained here too
    expect(section.textContent).toContain('“<5” is 1 to 4 people');
    // Go was asked with the screen's filter and no breakdown yet
    const [filter, bd] = vi.mocked(backend.getReportQuestions).mock.calls[0];
    expect(filter.from).toBe('2026-04-01');
    expect(bd).toEqual({ setId: '', question: '', by: 'ageBand' });
    await expectAxeClean(container);
  });

  it('asks Go for the breakdown chosen and shows it as a table', async () => {
    const user = userEvent.setup();
    const { container } = renderScreen(<ReportsScreen />, '/reports');
    const section = await screen.findByTestId('report-questions');
    // number and free text cannot be broken down
    const select = within(section).getByLabelText('Question');
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Choose a question', 'Clinic ideas: Which idea do you like best? (version 2)', 'Clinic ideas: Top two']);
    vi.mocked(backend.getReportQuestions).mockResolvedValue(
      questionFigures({
        breakdown: {
          setId: 'fam1',
          question: 'q1',
          label: 'Which idea?',
          by: 'ethnicGroup',
          byLabel: 'Ethnic group',
          columns: [
            { code: 'a', label: 'Alpha' },
            { code: 'b', label: 'Beta' },
            { code: 'prefer_not_say', label: 'Prefer not to say' },
            { code: '', label: 'Not answered' },
          ],
          rows: [
            { code: 'white', label: 'White', total: count(12), cells: [withheld, suppressed, count(0), count(0)] },
            { code: 'black', label: 'Black', total: withheld, cells: [withheld, count(0), count(0), count(0)] },
          ],
        },
      }),
    );
    await user.selectOptions(within(section).getByLabelText('Break down by'), 'ethnicGroup');
    await user.selectOptions(select, 'fam1|q1');
    await waitFor(() =>
      expect(vi.mocked(backend.getReportQuestions).mock.calls.at(-1)?.[1]).toEqual({ setId: 'fam1', question: 'q1', by: 'ethnicGroup' }),
    );
    const table = await within(section).findByTestId('breakdown-table');
    expect(within(table).getByText('Which idea? by ethnic group')).toBeInTheDocument();
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['Ethnic groupAlphaBetaPrefer not to sayNot answeredPeople', 'White*<50012', 'Black*000*']);
    await expectAxeClean(container);
  });

  it('leaves the section and its contents link out when no set was answered', async () => {
    vi.mocked(backend.getReportQuestions).mockResolvedValue(questionFigures({ sets: [], responses: 0 }));
    renderScreen(<ReportsScreen />, '/reports');
    await screen.findByTestId('report-figures');
    await waitFor(() => expect(backend.getReportQuestions).toHaveBeenCalled());
    expect(screen.queryByTestId('report-questions')).toBeNull();
    const links = within(screen.getByRole('navigation', { name: 'Contents of this report' })).getAllByRole('link');
    expect(links.map((a) => a.textContent)).not.toContain('Questions');
  });
});
