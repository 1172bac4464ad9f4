import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { refData, renderAt, themes } from '../../test/fixtures';
import { conflict, side, syncStatus } from '../../test/syncFixtures';
import { Events, type ConflictView } from '../../lib/types';
import { emit } from '../../test/backendMock';
import { ConflictsScreen } from '../ConflictsScreen';
import { combineKind, decodeValue } from '../ConflictsValues';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [{ path: '/sync/conflicts', element: <ConflictsScreen /> }];

const resolvedFrom = (c: ConflictView, resolution: ConflictView['resolution']): ConflictView => ({
  ...c,
  status: 'resolved',
  resolution,
  resolvedBy: 'Sam',
  resolvedAt: '2026-03-02T12:00:00.000Z',
});

// A backend that remembers resolutions, so that a reload racing the clicks (a sync
// status update, a data:changed event) answers what Go would: the resolved state.
function rememberingBackend(list: ConflictView[]) {
  let stored = list;
  vi.mocked(backend.listConflicts).mockImplementation(async () => stored);
  vi.mocked(backend.resolveConflict).mockImplementation(async (id: string, resolution: string) => {
    const done = resolvedFrom(stored.find((x) => x.id === id)!, resolution as ConflictView['resolution']);
    stored = stored.map((x) => (x.id === id ? done : x));
    return done;
  });
}

async function items() {
  return screen.findAllByTestId('conflict-item');
}

describe('conflicts screen', () => {
  beforeEach(() => {
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ conflicts: 3 }));
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
  });

  it('groups open conflicts by record, with links to the records', async () => {
    vi.mocked(backend.listConflicts).mockResolvedValue([
      conflict({ id: 'a', recordId: 's1', recordTitle: 'Market stall, Brixton' }),
      conflict({ id: 'b', entity: 'feedback', recordId: 'f9', recordTitle: 'Lovely staff', sessionId: 's1', field: 'text', fieldLabel: 'What they said' }),
      conflict({ id: 'c', recordId: 's1', field: 'purpose', fieldLabel: 'Decision it informs' }),
      conflict({ id: 'd', entity: 'project', recordId: 'p1', recordTitle: 'Diabetes pathway', field: 'aim', fieldLabel: 'Involvement aim' }),
      conflict({ id: 'old', status: 'resolved', resolution: 'kept', fieldLabel: 'Venue' }),
    ]);
    renderAt('/sync/conflicts', routes);
    expect(await screen.findByRole('heading', { level: 1, name: /Conflicts/ })).toBeInTheDocument();
    const records = await screen.findAllByTestId('conflict-record');
    expect(records).toHaveLength(3);
    expect(within(records[0]).getByRole('link', { name: 'Market stall, Brixton' })).toHaveAttribute('href', '/sessions/s1');
    expect(within(records[0]).getAllByTestId('conflict-item').map((i) => i.getAttribute('data-conflict-id'))).toEqual(['a', 'c']);
    expect(within(records[1]).getByRole('link', { name: 'Lovely staff' })).toHaveAttribute('href', '/sessions/s1?feedback=f9');
    expect(within(records[2]).getByRole('link', { name: 'Diabetes pathway' })).toHaveAttribute('href', '/projects/p1');
    expect(screen.getAllByTestId('conflict-item')).toHaveLength(4);
    // the resolved one is collapsed, not in the open list
    expect(screen.getByTestId('resolved-conflicts')).toHaveTextContent('Resolved conflicts (1)');
  });

  it('shows both values with who and when', async () => {
    vi.mocked(backend.listConflicts).mockResolvedValue([conflict({ id: 'a' })]);
    renderAt('/sync/conflicts', routes);
    const [item] = await items();
    expect(within(item).getByRole('heading', { name: 'Venue' })).toBeInTheDocument();
    const winner = within(item).getByTestId('conflict-winner');
    expect(winner).toHaveTextContent('Brixton library');
    expect(winner).toHaveTextContent(/Changed by Amira K\., 2 March 2026 at \d\d:\d\d/);
    const loser = within(item).getByTestId('conflict-loser');
    expect(loser).toHaveTextContent('Windrush Square');
    expect(loser).toHaveTextContent('Changed by Sam');
    expect(item).toHaveTextContent('Before both changes: Brixton market');
    expect(within(winner).getByRole('button', { name: 'Keep this' })).toBeInTheDocument();
    expect(within(loser).getByRole('button', { name: 'Use the other' })).toBeInTheDocument();
  });

  it('decodes values when Go sends no display words: coded lists, ratings, yes/no, themes', async () => {
    vi.mocked(backend.listConflicts).mockResolvedValue([
      conflict({ id: 'std', field: 'standards', fieldLabel: 'UK Standards', kind: 'array', winner: side(['1', '2']), loser: side(['2']), base: side([]) }),
      conflict({ id: 'rate', entity: 'feedback', recordId: 'f1', field: 'rating', fieldLabel: 'Rating', kind: 'number', winner: side(5), loser: side(2) }),
      conflict({ id: 'quote', entity: 'feedback', recordId: 'f1', field: 'quoteConsent', fieldLabel: 'Can quote', kind: 'boolean', winner: side(true), loser: side(false) }),
      conflict({ id: 'th', entity: 'feedback', recordId: 'f1', field: 'themes', fieldLabel: 'Themes', kind: 'array', winner: side(['t-access']), loser: side(['t-wait', 't-comm']) }),
      conflict({ id: 'type', field: 'type', fieldLabel: 'Type of session', winner: side('workshop'), loser: side('focus_group') }),
      conflict({ id: 'shown', field: 'venue', winner: side('x', { display: 'Shown by Go' }), loser: side('', { display: '(empty)' }) }),
    ]);
    renderAt('/sync/conflicts', routes);
    await items();
    const value = (id: string, which: 'winner' | 'loser') =>
      within(within(document.querySelector(`[data-conflict-id="${id}"]`) as HTMLElement).getByTestId(`conflict-${which}`)).getByTestId('conflict-value');
    expect(value('std', 'winner')).toHaveTextContent('Inclusive opportunities, Working together');
    expect(value('std', 'loser')).toHaveTextContent(/^Working together$/);
    expect(value('rate', 'winner')).toHaveTextContent('Very good');
    expect(value('rate', 'loser')).toHaveTextContent('Poor');
    expect(value('quote', 'winner')).toHaveTextContent('Yes');
    expect(value('quote', 'loser')).toHaveTextContent('No');
    await waitFor(() => expect(value('th', 'loser')).toHaveTextContent('Waiting times, Communication'));
    expect(value('type', 'winner')).toHaveTextContent('Workshop');
    expect(value('type', 'loser')).toHaveTextContent('Focus group');
    expect(value('shown', 'winner')).toHaveTextContent('Shown by Go');
    expect(value('shown', 'loser')).toHaveTextContent('(empty)');
    // codes, numbers and yes/no cannot be combined; lists can
    const item = (id: string) => document.querySelector(`[data-conflict-id="${id}"]`) as HTMLElement;
    expect(within(item('type')).queryByRole('button', { name: 'Combine' })).toBeNull();
    expect(within(item('rate')).queryByRole('button', { name: 'Combine' })).toBeNull();
    expect(within(item('quote')).queryByRole('button', { name: 'Combine' })).toBeNull();
    expect(within(item('std')).getByRole('button', { name: 'Combine' })).toBeInTheDocument();
  });

  it('Keep this resolves as kept; the item leaves the open list', async () => {
    const user = userEvent.setup();
    const a = conflict({ id: 'a' });
    const b = conflict({ id: 'b', field: 'purpose', fieldLabel: 'Decision it informs' });
    rememberingBackend([a, b]);
    renderAt('/sync/conflicts', routes);
    const [first] = await items();
    await user.click(within(first).getByRole('button', { name: 'Keep this' }));
    expect(backend.resolveConflict).toHaveBeenCalledWith('a', 'kept', '');
    await waitFor(() => expect(screen.getAllByTestId('conflict-item').map((i) => i.dataset.conflictId)).toEqual(['b']));
    await waitFor(() => expect(screen.getAllByTestId('conflict-item')[0]).toHaveFocus());
    expect(screen.getByTestId('flash')).toHaveTextContent('Conflict resolved: Market stall, Brixton, venue.');
    expect(screen.getByTestId('resolved-conflicts')).toHaveTextContent('Resolved conflicts (1)');
    expect(screen.getByTestId('resolved-conflicts')).toHaveTextContent('Kept the value in the record (Brixton library)');
  });

  it('Use the other resolves as replaced', async () => {
    const user = userEvent.setup();
    const a = conflict({ id: 'a' });
    rememberingBackend([a]);
    renderAt('/sync/conflicts', routes);
    const [item] = await items();
    await user.click(within(item).getByRole('button', { name: 'Use the other' }));
    expect(backend.resolveConflict).toHaveBeenCalledWith('a', 'replaced', '');
    expect(await screen.findByTestId('no-conflicts')).toHaveTextContent('There are no conflicts to resolve.');
    await waitFor(() => expect(screen.getByTestId('no-conflicts')).toHaveFocus());
    expect(screen.getByTestId('resolved-conflicts')).toHaveTextContent('Used the other value (Windrush Square)');
  });

  it('Combine offers both texts in a textarea and saves the edited text as JSON', async () => {
    const user = userEvent.setup();
    const a = conflict({
      id: 'a',
      entity: 'feedback',
      recordId: 'f1',
      field: 'text',
      fieldLabel: 'What they said',
      winner: side('The bus stop is too far.', { by: 'Amira K.' }),
      loser: side('Parking is hard.', { by: 'Sam' }),
    });
    rememberingBackend([a]);
    renderAt('/sync/conflicts', routes);
    const [item] = await items();
    await user.click(within(item).getByRole('button', { name: 'Combine' }));
    const box = within(item).getByLabelText('Combined what they said');
    expect(box).toHaveValue('The bus stop is too far.\n\nParking is hard.');
    expect(box).toHaveFocus();
    await user.type(box, ' "Really."');
    await user.click(within(item).getByRole('button', { name: 'Save combined value' }));
    expect(backend.resolveConflict).toHaveBeenCalledWith('a', 'combined', JSON.stringify('The bus stop is too far.\n\nParking is hard. "Really."'));
    await waitFor(() => expect(screen.queryAllByTestId('conflict-item')).toHaveLength(0));
  });

  it('Combine for a list takes the items of both', async () => {
    const user = userEvent.setup();
    const a = conflict({ id: 'a', field: 'accessSupport', fieldLabel: 'Access support', kind: 'array', winner: side(['interpreter']), loser: side(['bsl', 'interpreter']) });
    rememberingBackend([a]);
    renderAt('/sync/conflicts', routes);
    const [item] = await items();
    await user.click(within(item).getByRole('button', { name: 'Combine' }));
    expect(within(item).getByTestId('combine-preview')).toHaveTextContent('Both together: Interpreter, British Sign Language');
    await user.click(within(item).getByRole('button', { name: 'Save combined value' }));
    expect(backend.resolveConflict).toHaveBeenCalledWith('a', 'combined', '["interpreter","bsl"]');
  });

  it('a refused resolution is shown on the item, which stays', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listConflicts).mockResolvedValue([conflict({ id: 'a', field: 'title', fieldLabel: 'Session title' })]);
    vi.mocked(backend.resolveConflict).mockRejectedValue({ code: 'invalid', message: 'Check the value', fields: [{ field: 'title', message: 'Enter a session title' }] });
    renderAt('/sync/conflicts', routes);
    const [item] = await items();
    await user.click(within(item).getByRole('button', { name: 'Combine' }));
    const box = within(item).getByLabelText('Combined session title');
    await user.clear(box);
    await user.click(within(item).getByRole('button', { name: 'Save combined value' }));
    expect(backend.resolveConflict).toHaveBeenCalledWith('a', 'combined', '""');
    expect(await within(item).findByText('Enter a session title')).toBeInTheDocument();
    expect(box.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
    expect(screen.getAllByTestId('conflict-item')).toHaveLength(1);
  });

  it('edited on one laptop, deleted on another: Keep deleted or Restore with the edits', async () => {
    const user = userEvent.setup();
    const del = conflict({
      id: 'del',
      recordDeleted: true,
      field: 'deletedAt',
      fieldLabel: 'Deleted',
      kind: 'string',
      winner: side('2026-03-02T10:00:00.000Z', { by: 'Amira K.', at: '2026-03-02T10:00:00.000Z' }),
      loser: side(null, { by: 'Sam', at: '2026-03-02T09:00:00.000Z' }),
      base: side(null),
    });
    const flipped = { ...del, id: 'flip', recordId: 's2', recordTitle: 'Focus group', winner: del.loser, loser: del.winner };
    rememberingBackend([del, flipped]);
    renderAt('/sync/conflicts', routes);
    const [first, second] = await items();
    expect(within(first).getByRole('heading', { name: 'Deleted on one laptop, edited on another' })).toBeInTheDocument();
    expect(first).toHaveTextContent('Deleted');
    expect(first).toHaveTextContent('By Amira K.');
    expect(within(first).queryByRole('button', { name: 'Keep this' })).toBeNull();
    expect(within(first).queryByRole('button', { name: 'Combine' })).toBeNull();
    // a deleted record has no page to link to
    const record = first.closest('[data-testid="conflict-record"]') as HTMLElement;
    expect(within(record).queryByRole('link')).toBeNull();
    expect(record).toHaveTextContent('Deleted');

    await user.click(within(first).getByRole('button', { name: 'Restore with the edits' }));
    expect(backend.resolveConflict).toHaveBeenLastCalledWith('del', 'replaced', '');
    await user.click(within(second).getByRole('button', { name: 'Keep deleted' }));
    expect(backend.resolveConflict).toHaveBeenLastCalledWith('flip', 'replaced', '');
    await waitFor(() => expect(screen.getByTestId('resolved-conflicts')).toHaveTextContent('Restored with the edits'));
    expect(screen.getByTestId('resolved-conflicts')).toHaveTextContent('Kept deleted');
  });

  it('reloads when a sync brings more conflicts', async () => {
    vi.mocked(backend.listConflicts).mockResolvedValue([]);
    renderAt('/sync/conflicts', routes);
    await screen.findByTestId('no-conflicts');
    vi.mocked(backend.listConflicts).mockResolvedValue([conflict({ id: 'new' })]);
    act(() => emit(Events.syncStatus, syncStatus({ conflicts: 1, lastSyncedAt: new Date().toISOString() })));
    expect(await items()).toHaveLength(1);
  });
});

describe('conflict values', () => {
  it('decodes dates, empties and unknown codes', () => {
    expect(decodeValue('session', 'date', '"2026-03-01"', refData)).toBe('1 March 2026');
    expect(decodeValue('session', 'venue', 'null', refData)).toBe('(empty)');
    expect(decodeValue('session', 'venue', '""', refData)).toBe('(empty)');
    expect(decodeValue('session', 'borough', '"E09000022"', refData)).toBe('Lambeth');
    expect(decodeValue('session', 'borough', '"nowhere"', refData)).toBe('nowhere');
    expect(decodeValue('session', 'attendees', '14', refData)).toBe('14');
    expect(decodeValue('feedback', 'rating', '0', refData)).toBe("Don't know");
    expect(decodeValue('session', 'venue', 'not json', refData)).toBe('not json');
  });

  it('combine is for free text and lists only', () => {
    expect(combineKind(conflict({ field: 'notes', kind: 'string' }))).toBe('text');
    expect(combineKind(conflict({ field: 'borough', kind: 'string' }))).toBeNull();
    expect(combineKind(conflict({ field: 'date', kind: 'string' }))).toBeNull();
    expect(combineKind(conflict({ field: 'startTime', kind: 'string' }))).toBeNull();
    expect(combineKind(conflict({ field: 'projectId', kind: 'string' }))).toBeNull();
    expect(combineKind(conflict({ field: 'attendees', kind: 'number' }))).toBeNull();
    expect(combineKind(conflict({ field: 'themes', kind: 'array' }))).toBe('list');
    expect(combineKind(conflict({ field: 'deletedAt', kind: 'string' }))).toBeNull();
  });
});
