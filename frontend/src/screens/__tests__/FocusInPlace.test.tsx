// Focus is never lost (WCAG 2.4.3) on the forms and questions that open or close in place
// (the actions board's are in Actions.test.tsx): each opens at its first field, Cancel
// goes back to the control that opened it, a save goes back to it or to the thing that
// moved, and where the control used has gone the success banner takes focus and says
// what happened (role="status").
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { DataCheck, DueItem, LockState, Theme } from '../../lib/types';
import { renderAt, themes } from '../../test/fixtures';
import { conflict, notConnected, side, syncStatus } from '../../test/syncFixtures';
import { consent, contributor, peopleRef, rateCard, timeEntry, totals } from '../../test/peopleFixtures';
import { renderApp } from '../../test/renderApp';
import { expectAxeClean } from '../../test/axe';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { ThemesScreen } from '../ThemesScreen';
import { ConflictsScreen } from '../ConflictsScreen';
import { SyncScreen } from '../SyncScreen';
import { WithdrawQuoteConsent } from '../../components/WithdrawQuoteConsent';
import { PassphraseSettings } from '../../components/PassphraseSettings';
import { PassphraseNeeded } from '../../components/PassphraseNeeded';
import { LockGate } from '../../lock/LockGate';
import { DataCheckResult } from '../../components/DataCheckPanel';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

vi.setConfig({ testTimeout: 30_000 });

const focused = () => document.activeElement;

/** The banner, once it has focus and says this. */
async function bannerFocusedSaying(text: string) {
  await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent(text));
  const flash = screen.getByTestId('flash');
  expect(flash).toHaveAttribute('role', 'status');
  await waitFor(() => expect(focused()).toBe(flash));
}

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
});

describe('themes', () => {
  it('Rename opens at its field; Cancel, Escape and Save go back to Rename; Archive follows the row to its table', async () => {
    const user = userEvent.setup();
    let list: Theme[] = themes.map((t) => ({ ...t }));
    vi.mocked(backend.listThemes).mockImplementation(async () => list);
    vi.mocked(backend.renameTheme).mockImplementation(async (id: string, label: string) => {
      list = list.map((t) => (t.id === id ? { ...t, label } : t));
      return list.find((t) => t.id === id)!;
    });
    vi.mocked(backend.setThemeArchived).mockImplementation(async (id: string, archived: boolean) => {
      list = list.map((t) => (t.id === id ? { ...t, archived } : t));
      return list.find((t) => t.id === id)!;
    });
    const { container } = renderAt('/themes', [{ path: '/themes', element: <ThemesScreen /> }]);
    const rename = () => screen.getByRole('button', { name: /^Rename\s*Access$/ });
    await user.click(await screen.findByRole('button', { name: /^Rename\s*Access$/ }));
    expect(focused()).toBe(screen.getByLabelText('New name for Access'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(rename());

    await user.click(rename());
    await user.keyboard('{Escape}');
    expect(focused()).toBe(rename());

    await user.click(rename());
    await user.type(screen.getByLabelText('New name for Access'), ' and inclusion');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(focused()).toBe(screen.getByRole('button', { name: /^Rename\s*Access and inclusion$/ })));
    expect(screen.getByTestId('flash')).toHaveTextContent('Theme “Access” renamed “Access and inclusion”.');

    await user.click(screen.getByRole('button', { name: /^Archive\s*Communication$/ }));
    const moved = await screen.findByRole('button', { name: /^Unarchive\s*Communication$/ });
    expect(within(screen.getByRole('table', { name: /Archived themes/ })).getByRole('button', { name: /^Unarchive\s*Communication$/ })).toBe(moved);
    expect(focused()).toBe(moved);
    expect(screen.getByTestId('flash')).toHaveTextContent('Theme “Communication” archived.');
    await expectAxeClean(container);
  });
});

describe('records due for review', () => {
  const due = (over: Partial<DueItem> = {}): DueItem => ({
    recordKind: 'deleted',
    kindLabel: 'Deleted records',
    entity: 'session',
    recordId: 's1',
    title: 'Deleted: Old session',
    from: '2026-10-02',
    dueOn: '2026-11-01',
    why: '30 days after deletion (2 October 2026)',
    autoErase: false,
    ...over,
  });

  it('"Keep until…" opens at its heading; Cancel goes back to the row’s button', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ role: 'lead' }));
    vi.mocked(backend.listDueForReview).mockResolvedValue({ asOf: '2026-12-06', items: [due(), due({ recordId: 's2', title: 'Deleted: Other session' })] });
    renderApp('/retention/due');
    const keep = await screen.findByRole('button', { name: /^Keep until…\s*Deleted: Other session$/ });
    await user.click(keep);
    expect(focused()).toBe(screen.getByRole('heading', { name: 'Keep Deleted: Other session' }));
    await user.click(within(screen.getByTestId('keep-form')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('keep-form')).toBeNull();
    expect(focused()).toBe(screen.getByRole('button', { name: /^Keep until…\s*Deleted: Other session$/ }));
  });
});

describe('a partner’s consent', () => {
  beforeEach(() => {
    vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
    vi.mocked(backend.getContributor).mockResolvedValue(contributor());
    vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
    vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
    vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
    vi.mocked(backend.listRateCards).mockResolvedValue([rateCard(), rateCard({ id: 'r0', amountPence: 2000, effectiveFrom: '2025-04-01', effectiveTo: '2026-03-31' })]);
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
  });

  it('Withdraw consent: the question takes focus, Cancel gives it back, withdrawing focuses the record and says so', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.withdrawConsent).mockResolvedValue(undefined as never);
    const { container } = renderApp('/people/c1');
    const item = await screen.findByTestId('consent-item');
    await user.click(within(item).getByRole('button', { name: 'Withdraw consent' }));
    const question = within(item).getByTestId('withdraw-confirm');
    expect(focused()).toBe(question);
    expect(question).toHaveAccessibleName(/Withdraw this consent\?$/);
    await expectAxeClean(container);
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(within(item).getByRole('button', { name: 'Withdraw consent' }));

    await user.click(within(item).getByRole('button', { name: 'Withdraw consent' }));
    await user.click(within(item).getByRole('button', { name: 'Yes, withdraw consent' }));
    await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent('Consent withdrawn.'));
    await waitFor(() => expect(focused()).toBe(screen.getByTestId('consent-item')));
  });

  it('deleting a rate: the row goes, the banner says which and takes focus', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.deleteRateCard).mockResolvedValue(undefined as never);
    renderApp('/people/rates');
    const rows = await screen.findAllByTestId('rate-row');
    await user.click(within(rows[1]).getByRole('button', { name: /^Delete/ }));
    await bannerFocusedSaying('Rate deleted: the hour rate from 1 April 2025.');
  });
});

describe('quote consent on a feedback item', () => {
  it('the question takes focus at its button, Cancel gives it back, withdrawing focuses the banner', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.withdrawQuoteConsent).mockResolvedValue(undefined as never);
    const { container } = renderAt('/f', [{ path: '/f', element: <WithdrawQuoteConsent feedbackId="f1" /> }]);
    await user.click(screen.getByRole('button', { name: 'Withdraw quote consent' }));
    const yes = screen.getByRole('button', { name: 'Yes, withdraw quote consent' });
    expect(focused()).toBe(yes);
    expect(yes).toHaveAccessibleDescription('Their words will no longer be quoted in Involve or in exports.');
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(screen.getByRole('button', { name: 'Withdraw quote consent' }));

    await user.click(screen.getByRole('button', { name: 'Withdraw quote consent' }));
    await user.click(screen.getByRole('button', { name: 'Yes, withdraw quote consent' }));
    await bannerFocusedSaying('Quote consent withdrawn.');
  });
});

describe('the passphrase in Settings', () => {
  const lockState = (over: Partial<LockState> = {}): LockState => ({
    hasPassphrase: true,
    locked: false,
    idleMinutes: 5,
    idleSeconds: 300,
    waitSeconds: 0,
    needsPassphrase: false,
    unsentChanges: 0,
    holdsSealedData: false,
    ...over,
  });
  const inLock = (el: React.ReactElement) => renderAt('/settings', [{ path: '/settings', element: <LockGate>{el}</LockGate> }]);

  it('Change and Remove open at their first field; Cancel and a save go back to the button', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getLockState).mockResolvedValue(lockState());
    vi.mocked(backend.setPassphrase).mockResolvedValue(lockState());
    vi.mocked(backend.removePassphrase).mockResolvedValue(lockState({ hasPassphrase: false }));
    inLock(<PassphraseSettings />);
    await user.click(await screen.findByRole('button', { name: 'Change passphrase' }));
    expect(focused()).toBe(screen.getByLabelText('Current passphrase'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(screen.getByRole('button', { name: 'Change passphrase' }));

    await user.click(screen.getByRole('button', { name: 'Remove passphrase' }));
    expect(focused()).toBe(screen.getByLabelText('Current passphrase'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(screen.getByRole('button', { name: 'Remove passphrase' }));

    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    await user.type(screen.getByLabelText('Current passphrase'), 'old passphrase words');
    await user.type(screen.getByLabelText('New passphrase'), 'a new passphrase of words');
    await user.type(screen.getByLabelText('New passphrase again'), 'a new passphrase of words');
    await user.click(within(screen.getByTestId('passphrase-form')).getByRole('button', { name: 'Change passphrase' }));
    await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent('Passphrase changed'));
    await waitFor(() => expect(focused()).toBe(screen.getByRole('button', { name: 'Change passphrase' })));

    await user.click(screen.getByRole('button', { name: 'Remove passphrase' }));
    await user.type(screen.getByLabelText('Current passphrase'), 'a new passphrase of words');
    await user.click(within(screen.getByTestId('remove-passphrase-form')).getByRole('button', { name: 'Remove passphrase' }));
    await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent('Passphrase removed'));
    // the Remove button is gone with the passphrase: focus goes to Set
    await waitFor(() => expect(focused()).toBe(screen.getByRole('button', { name: 'Set a passphrase' })));
  });

  it('a save refused without a passphrase: the form opens at its field, and "Passphrase set" takes focus', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getLockState).mockResolvedValue(lockState({ hasPassphrase: false }));
    vi.mocked(backend.setPassphrase).mockResolvedValue(lockState());
    inLock(<PassphraseNeeded error={{ code: 'passphrase_required', message: 'Set a passphrase first.' }} />);
    await user.click(await screen.findByRole('button', { name: 'Set a passphrase now' }));
    await waitFor(() => expect(focused()).toBe(screen.getByLabelText('New passphrase')));
    await user.type(screen.getByLabelText('New passphrase'), 'a new passphrase of words');
    await user.type(screen.getByLabelText('New passphrase again'), 'a new passphrase of words');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    await waitFor(() => expect(focused()).toBe(screen.getByRole('group', { name: /Passphrase set$/ })));
  });
});

describe('conflicts', () => {
  it('Combine opens at the combined value; Cancel goes back to Combine', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus({ conflicts: 2 }));
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
    vi.mocked(backend.listConflicts).mockResolvedValue([
      conflict({ id: 'a', field: 'accessSupport', fieldLabel: 'Access support', kind: 'array', winner: side(['interpreter']), loser: side(['bsl', 'interpreter']) }),
      conflict({ id: 'b', field: 'purpose', fieldLabel: 'Decision it informs', winner: side('One'), loser: side('Two') }),
    ]);
    renderAt('/sync/conflicts', [{ path: '/sync/conflicts', element: <ConflictsScreen /> }]);
    const [list, text] = await screen.findAllByTestId('conflict-item');
    await user.click(within(list).getByRole('button', { name: 'Combine' }));
    expect(focused()).toBe(within(list).getByTestId('combine-preview'));
    await user.click(within(list).getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(within(list).getByRole('button', { name: 'Combine' }));

    await user.click(within(text).getByRole('button', { name: 'Combine' }));
    expect(focused()).toBe(within(text).getByLabelText('Combined decision it informs'));
    await user.click(within(text).getByRole('button', { name: 'Cancel' }));
    expect(focused()).toBe(within(text).getByRole('button', { name: 'Combine' }));
  });
});

describe('sync', () => {
  it('after disconnecting (the Disconnect button has gone) the banner takes focus and says so', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(syncStatus());
    vi.mocked(backend.getTrustedCA).mockResolvedValue({ present: false } as never);
    vi.mocked(backend.disconnectServer).mockResolvedValue(notConnected());
    renderAt('/sync', [{ path: '/sync', element: <SyncScreen /> }]);
    await user.click(await screen.findByRole('button', { name: 'Disconnect' }));
    await user.click(screen.getByRole('button', { name: 'Yes, disconnect' }));
    await bannerFocusedSaying('This laptop is disconnected from the server.');
  });

  it('after connecting (the connect form has gone) the banner takes focus and says so', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSyncStatus).mockResolvedValue(notConnected());
    vi.mocked(backend.getTrustedCA).mockResolvedValue({ present: false } as never);
    vi.mocked(backend.connectServer).mockResolvedValue(syncStatus());
    renderAt('/sync', [{ path: '/sync', element: <SyncScreen /> }]);
    await user.type(await screen.findByLabelText('Server address'), 'https://involve.example.nhs.uk');
    await user.type(screen.getByLabelText('Enrolment code'), 'K7QD-9XWM-3PTR');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    await bannerFocusedSaying('Connected to the server');
  });
});

describe('check this laptop’s data', () => {
  it('once the search index is repaired (its button goes), focus goes to what the repair says', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.repairSearchIndex).mockResolvedValue({ ok: true, searchIndexDamaged: false, message: 'The search index was rebuilt.', details: '', checkedAt: '' });
    function Holder() {
      const [result, setResult] = useState<DataCheck>({ ok: false, searchIndexDamaged: true, message: 'The search index is damaged.', details: '', checkedAt: '' });
      return <DataCheckResult result={result} onResult={setResult} />;
    }
    render(<Holder />);
    await user.click(screen.getByRole('button', { name: 'Repair search index' }));
    await waitFor(() => expect(focused()).toBe(screen.getByText('The search index was rebuilt.')));
  });
});
