// Dates are shown in words, "6 December 2026" (lib/dates.ts formatDate), never as the
// stored "2026-12-06" nor as an ambiguous "12/06/2026": every screen here is rendered
// with dates in its data and its visible text is scanned. Values inside <input> boxes
// are not text and are not scanned.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import * as backend from '../../lib/backend';
import { feedback, session, summary, themes } from '../../test/fixtures';
import { contributor, consent, feePreview, peopleRef, rateCard, timeEntry, totals } from '../../test/peopleFixtures';
import { conflict, side, syncStatus } from '../../test/syncFixtures';
import { emptyAction } from '../../lib/action';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { renderApp } from '../../test/renderApp';
import type { ActionView } from '../../lib/types';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const RAW_DATE = /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}/;

/** The text a person sees (option texts included; input values are not text). */
function visibleText(): string {
  const main = document.querySelector('main') ?? document.body;
  return main.textContent ?? '';
}

function action(over: Partial<ActionView> = {}): ActionView {
  return {
    ...emptyAction({ id: 'a1', rev: 1, createdAt: '2026-03-01T10:00:00.000Z', youSaid: 'The signs are confusing', sessionId: 's1' }),
    overdue: false,
    feedback: [],
    themeLabel: '',
    projectName: '',
    sessionTitle: 'Market stall',
    ...over,
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ role: 'lead', conflicts: 2 }));
  vi.mocked(backend.listThemes).mockResolvedValue(themes);
  vi.mocked(backend.getHome).mockResolvedValue({
    today: [summary({ id: 't1', title: 'Library drop-in', date: '2026-12-06' })],
    recent: [summary({ id: 'r1', title: 'Steering group', date: '2026-11-30' })],
    counts: { projects: 1, sessions: 2, feedback: 3, feedbackToday: 1, needsResponse: 0 },
  });
  vi.mocked(backend.listSessions).mockResolvedValue([summary({ id: 's1', title: 'Market stall', date: '2026-03-01' })]);
  vi.mocked(backend.getSession).mockResolvedValue(session({ date: '2026-03-01' }));
  vi.mocked(backend.listFeedback).mockResolvedValue([feedback()]);
  vi.mocked(backend.listProjects).mockResolvedValue([]);
  vi.mocked(backend.search).mockResolvedValue({
    results: [{ kind: 'feedback', id: 'f1', sessionId: 's1', projectId: '', title: 'Market stall', field: '', date: '2026-03-01', snippet: 'the <mark>bus</mark>' }],
    didYouMean: '',
    notYetSearchable: 0,
  });
  vi.mocked(backend.getActionsBoard).mockResolvedValue({
    today: '2026-03-10',
    overdue: 1,
    columns: [
      { status: 'planned', label: 'Planned', actions: [action({ id: 'late', youSaid: 'Late one', due: '2026-03-01', overdue: true })] },
      { status: 'done', label: 'Done', actions: [action({ id: 'd1', status: 'done', weDid: 'New signs', communicatedOn: '2026-03-09', channel: 'newsletter' })] },
    ],
    needsResponse: [
      { id: 'f9', sessionId: 's1', sessionTitle: 'Market stall', sessionDate: '2026-03-01', text: 'Open later please', createdAt: '2026-03-01T10:00:00.000Z' },
    ],
    needsResponseTotal: 1,
  });
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.listContributors).mockResolvedValue([contributor()]);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.getTimeEntry).mockResolvedValue(timeEntry());
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
  vi.mocked(backend.listRateCards).mockResolvedValue([rateCard(), rateCard({ id: 'r0', effectiveFrom: '2025-04-01', effectiveTo: '2026-03-31' })]);
  vi.mocked(backend.previewFee).mockResolvedValue(feePreview());
  vi.mocked(backend.listConflicts).mockResolvedValue([
    // Go's display words for a date are the stored text
    conflict({ id: 'x1', field: 'date', fieldLabel: 'Date', base: side('2026-03-01', { display: '2026-03-01' }), winner: side('2026-03-02', { display: '2026-03-02', by: 'Amira K.', at: '2026-03-02T10:15:00.000Z' }), loser: side('2026-03-03', { display: '2026-03-03', by: 'Sam', at: '2026-03-02T09:40:00.000Z' }), current: side('2026-03-02', { display: '2026-03-02' }) }),
    conflict({ id: 'x2', entity: 'project', recordId: 'p1', recordTitle: 'Waiting times', field: 'endDate', fieldLabel: 'End date', base: side(''), winner: side('2026-04-01', { display: '2026-04-01', by: 'Amira K.', at: '2026-03-02T10:15:00.000Z' }), loser: side('2026-05-01', { by: 'Sam', at: '2026-03-02T09:40:00.000Z' }), current: side('2026-04-01') }),
  ]);
});

const screens: [string, string, string | RegExp][] = [
  ['home', '/', 'Library drop-in'],
  ['sessions', '/sessions', 'Market stall'],
  ['session', '/sessions/s1', /Market stall/],
  ['search', '/search?q=bus', /Market stall/],
  ['actions board', '/actions', 'Late one'],
  ['partner', '/people/c1', /Priya Shah/],
  ['rate cards', '/people/rates', /Rate cards/],
  ['time entry (its session list)', '/people/c1/time/t1/edit', 'Market stall (1 March 2026)'],
  ['conflicts', '/sync/conflicts', '2 March 2026'],
];

describe('dates on screen', { timeout: 20000 }, () => {
  for (const [name, path, shown] of screens) {
    it(`${name}: every date in words`, async () => {
      renderApp(path);
      await screen.findAllByText(shown, { exact: typeof shown !== 'string' ? undefined : false });
      await new Promise((r) => setTimeout(r, 50)); // let the rest of the data arrive
      const text = visibleText();
      expect(text.match(RAW_DATE)?.[0] ?? '').toBe('');
      expect(text).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
    });
  }
});
