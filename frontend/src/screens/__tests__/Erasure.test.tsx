// "Erase this person" and "Erase this comment" (issue 13): a lead's laptop offers them on
// the partner's page, the feedback edit page and the records due for review; the
// confirmation page lists what is destroyed and kept, refuses without "I understand"
// (error summary), answers the chosen request of the register and says what was done,
// backups included. An erased partner or comment offers nothing to change. Axe on each.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { Role } from '../../lib/roles';
import { ERASED_TEXT, type ErasureResult, type ErasureSummary, type PrivacyRegister, type PrivacyRequestView } from '../../lib/types';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { consent, contributor, peopleRef, timeEntry, totals } from '../../test/peopleFixtures';
import { feedback, session, themes } from '../../test/fixtures';
import { resetPeopleRefCache } from '../people/usePeopleRef';
import { emptyRequest } from '../requests/RequestEditScreen';
import { expectAxeClean } from '../../test/axe';
import { renderApp, renderScreen } from '../../test/renderApp';
import { FeedbackList } from '../../components/FeedbackList';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

vi.setConfig({ testTimeout: 30_000 });

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());

function personSummary(over: Partial<ErasureSummary> = {}): ErasureSummary {
  return {
    subjectEntity: 'contributor',
    subjectId: 'c1',
    title: 'Priya Shah',
    pseudonym: 'Erased contributor 3',
    destroyed: [
      'Their name, contact details, contact preference, access needs, role, agreement dates and lived experience',
      'Who gave and who recorded each of their 1 consent record',
    ],
    kept: ['The dates, time given, rates, fees, expenses and payment dates of their time entries: payment records must be kept for 6 years (HMRC)'],
    consents: 1,
    timeEntries: 2,
    conflicts: 0,
    actions: 0,
    backups: 3,
    ...over,
  };
}

function result(s: ErasureSummary, over: Partial<ErasureResult> = {}): ErasureResult {
  return {
    erasure: {
      id: 'er1', createdAt: '2026-12-06T10:00:00Z', updatedAt: '2026-12-06T10:00:00Z', createdBy: 'Sam Lead', deviceId: 'd1', rev: 1,
      subjectEntity: s.subjectEntity, subjectId: s.subjectId, number: 3, erasedBy: 'Sam Lead', requestId: '',
    },
    summary: s,
    backupsRewritten: ['involve-2026-12-01.db', 'involve-2026-12-05.db'],
    backupsDeleted: ['involve-replaced-2026-11-30.db'],
    ...over,
  };
}

function req(over: Partial<PrivacyRequestView>): PrivacyRequestView {
  return {
    ...emptyRequest(),
    id: 'r',
    rev: 1,
    requestType: 'erasure',
    receivedOn: '2026-11-20',
    receivedVia: 'email',
    status: 'open',
    dueBy: '2026-12-20',
    overdue: false,
    dueSoon: false,
    contributorName: '',
    contributorPseudonym: '',
    ...over,
  };
}

const register = (requests: PrivacyRequestView[]): PrivacyRegister => ({
  today: '2026-12-06',
  requests,
  types: [{ code: 'erasure', label: 'Erasure' }],
  channels: [{ code: 'email', label: 'Email' }],
  statuses: [{ code: 'open', label: 'Open' }],
});

beforeEach(() => {
  vi.clearAllMocks();
  resetPeopleRefCache();
  vi.mocked(backend.getPeopleReference).mockResolvedValue(peopleRef);
  vi.mocked(backend.getContributor).mockResolvedValue(contributor());
  vi.mocked(backend.getLEPTotals).mockResolvedValue(totals());
  vi.mocked(backend.listTimeEntries).mockResolvedValue([timeEntry()]);
  vi.mocked(backend.listConsents).mockResolvedValue([consent()]);
  vi.mocked(backend.getPrivacyRegister).mockResolvedValue(register([]));
});

describe('Erase this person', () => {
  it('a lead laptop offers it on the partner’s page, leading to the confirmation page', async () => {
    asRole('lead');
    const { container } = renderApp('/people/c1');
    const section = await screen.findByTestId('erase-section');
    const button = within(section).getByRole('button', { name: 'Erase this person' });
    expect(button).toHaveClass('nhsuk-button--warning');
    expect(button).toHaveAttribute('href', '#/people/c1/erase');
    await expectAxeClean(container);
  });

  it.each(['staff', ''] as const)('role "%s": no Erase button', async (role) => {
    asRole(role);
    renderApp('/people/c1');
    await screen.findByRole('heading', { name: 'Consent' });
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Erase this person' })).toBeNull();
    expect(screen.queryByTestId('erase-section')).toBeNull();
  });

  it('the confirmation page lists what is destroyed and kept, refuses without the checkbox, erases with the chosen request and shows the backups', async () => {
    asRole('lead');
    const s = personSummary();
    vi.mocked(backend.previewErasure).mockResolvedValue(s);
    vi.mocked(backend.getPrivacyRegister).mockResolvedValue(
      register([
        req({ id: 'r-other', contributorId: '', requester: 'A carer, by letter', receivedOn: '2026-11-01' }),
        req({ id: 'r-mine', contributorId: 'c1', contributorName: 'Priya Shah' }),
        req({ id: 'r-done', contributorId: 'c1', status: 'done' }),
        req({ id: 'r-access', contributorId: 'c1', requestType: 'access' }),
      ]),
    );
    vi.mocked(backend.eraseContributor).mockResolvedValue(result(s, { erasure: { ...result(s).erasure, requestId: 'r-other' } }));
    const user = userEvent.setup();
    const { container } = renderApp('/people/c1/erase');

    expect(await screen.findByRole('heading', { level: 1, name: /Erase Priya Shah/ })).toBeInTheDocument();
    expect(backend.previewErasure).toHaveBeenCalledWith('contributor', 'c1');
    expect(screen.getByTestId('erase-warning')).toHaveTextContent('This cannot be undone');
    expect(screen.getByTestId('erase-warning')).toHaveTextContent('They will be shown as “Erased contributor 3”');
    const destroyed = screen.getByTestId('erase-destroyed');
    expect(screen.getByRole('heading', { name: 'What will be destroyed' })).toBeInTheDocument();
    expect(within(destroyed).getAllByRole('listitem')).toHaveLength(2);
    expect(destroyed).toHaveTextContent('Their name, contact details');
    expect(screen.getByRole('heading', { name: 'What will be kept, and why' })).toBeInTheDocument();
    expect(screen.getByTestId('erase-kept')).toHaveTextContent('payment records must be kept for 6 years (HMRC)');
    expect(screen.getByTestId('erase-counts')).toHaveTextContent('Time and payment entries2');
    expect(screen.getByTestId('erase-backups')).toHaveTextContent(
      '3 local backups on this laptop will be rewritten without these details, or deleted.',
    );

    // only the open erasure requests; the partner's own is chosen for the lead
    const select = await screen.findByLabelText(/Which request does this answer/);
    const options = within(select).getAllByRole('option');
    expect(options.map((o) => o.getAttribute('value'))).toEqual(['', 'r-mine', 'r-other']);
    await waitFor(() => expect(select).toHaveValue('r-mine'));
    expect(options[2]).toHaveTextContent('Received 1 November 2026 from A carer, by letter');
    await expectAxeClean(container);

    // not ticked: an error summary, focused, linking to the checkbox; nothing erased
    await user.click(screen.getByRole('button', { name: 'Erase this person' }));
    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    const link = within(summary).getByRole('link', { name: 'Confirm that you understand this cannot be undone' });
    expect(backend.eraseContributor).not.toHaveBeenCalled();
    await user.click(link);
    expect(screen.getByLabelText('I understand that this cannot be undone')).toHaveFocus();
    await expectAxeClean(container);

    // another request, ticked: erased
    await user.selectOptions(select, 'r-other');
    await user.click(screen.getByLabelText('I understand that this cannot be undone'));
    await user.click(screen.getByRole('button', { name: 'Erase this person' }));
    await waitFor(() => expect(backend.eraseContributor).toHaveBeenCalledWith('c1', 'r-other'));

    const done = await screen.findByTestId('erase-done');
    const heading = within(done).getByRole('heading', { level: 1, name: 'Lived Experience Partner erased' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(done).toHaveTextContent('They are now “Erased contributor 3”.');
    expect(within(screen.getByTestId('erase-done-rewritten')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'involve-2026-12-01.db',
      'involve-2026-12-05.db',
    ]);
    expect(screen.getByTestId('erase-done-deleted')).toHaveTextContent('involve-replaced-2026-11-30.db');
    expect(done).toHaveTextContent('mark the request done in the register');
    expect(within(done).getByRole('link', { name: 'Back to the Lived Experience Partner' })).toHaveAttribute('href', '/people/c1');
    await expectAxeClean(container);
  });

  it('with no open erasure request, erases with none and says no backup held it', async () => {
    asRole('lead');
    const s = personSummary({ backups: 0 });
    vi.mocked(backend.previewErasure).mockResolvedValue(s);
    vi.mocked(backend.eraseContributor).mockResolvedValue(result(s, { backupsRewritten: [], backupsDeleted: [] }));
    const user = userEvent.setup();
    renderApp('/people/c1/erase');
    expect(await screen.findByTestId('erase-no-request')).toHaveTextContent('There is no open erasure request in the register.');
    expect(screen.getByTestId('erase-backups')).toHaveTextContent('There are no local backups on this laptop that hold these details.');
    await user.click(screen.getByLabelText('I understand that this cannot be undone'));
    await user.click(screen.getByRole('button', { name: 'Erase this person' }));
    await waitFor(() => expect(backend.eraseContributor).toHaveBeenCalledWith('c1', ''));
    expect(await screen.findByTestId('erase-done-no-backups')).toBeInTheDocument();
  });

  it('Go’s refusal of the erasure is shown in the error summary', async () => {
    asRole('lead');
    vi.mocked(backend.previewErasure).mockResolvedValue(personSummary());
    vi.mocked(backend.eraseContributor).mockRejectedValue({ code: 'locked', message: 'Involve is locked: unlock it to erase.' });
    const user = userEvent.setup();
    renderApp('/people/c1/erase');
    await user.click(await screen.findByLabelText('I understand that this cannot be undone'));
    await user.click(screen.getByRole('button', { name: 'Erase this person' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Involve is locked: unlock it to erase.');
    expect(screen.queryByTestId('erase-done')).toBeNull();
  });

  it('an already erased partner: the page says so, with no button', async () => {
    asRole('lead');
    vi.mocked(backend.previewErasure).mockRejectedValue({ code: 'erased', message: 'This Lived Experience Partner was erased on 1 December 2026.' });
    renderApp('/people/c1/erase');
    expect(await screen.findByText('This Lived Experience Partner was erased on 1 December 2026.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Erase this person' })).toBeNull();
  });

  it('a staff laptop at the address: only a lead’s laptop, and Go is never asked', async () => {
    asRole('staff');
    renderApp('/people/c1/erase');
    expect(await screen.findByTestId('erase-not-lead')).toHaveTextContent('Only a lead’s laptop can erase');
    expect(backend.previewErasure).not.toHaveBeenCalled();
  });

  it('an erased partner shows when, and no edit, erase, consent or log-time actions', async () => {
    asRole('lead');
    vi.mocked(backend.getContributor).mockResolvedValue(
      contributor({
        name: '', contactDetails: '', accessNeeds: '', role: '', livedExperience: [], pseudonym: 'Erased contributor 3', withdrawn: true,
        consentWithdrawnAt: '2026-12-01T10:00:00Z', erasedAt: '2026-12-01T10:00:00Z', purposes: [],
      }),
    );
    vi.mocked(backend.listConsents).mockResolvedValue([consent({ givenBy: '', capturedBy: '', erasedAt: '2026-12-01T10:00:00Z' })]);
    const { container } = renderApp('/people/c1');
    expect(await screen.findByRole('heading', { level: 1, name: /Erased contributor 3/ })).toBeInTheDocument();
    expect(await screen.findByTestId('erased')).toHaveTextContent(/Erased on 1 December 2026/);
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    await screen.findByRole('heading', { name: 'Consent' });
    for (const name of ['Erase this person', 'Edit details', 'Log time', 'Record new consent', 'Withdraw consent', 'Everything about this person']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByTestId('consent-withdrawn')).toBeNull();
    expect(within(screen.getByTestId('consent-item')).getAllByText('Erased')).toHaveLength(2);
    await expectAxeClean(container);
  });
});

describe('Erase this comment', () => {
  const fb = () => feedback({ id: 'f9', sessionId: 's1', text: 'The signs by the lift were confusing for my dad' });
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's1', title: 'Market stall' }));
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
  });

  it('a lead’s feedback edit page offers it; staff’s does not', async () => {
    asRole('lead');
    vi.mocked(backend.listFeedback).mockResolvedValue([fb()]);
    const { container, unmount } = renderApp('/sessions/s1/feedback/f9/edit');
    const section = await screen.findByTestId('erase-section');
    expect(within(section).getByRole('button', { name: 'Erase this comment' })).toHaveAttribute('href', '#/feedback/f9/erase?session=s1');
    await expectAxeClean(container);
    unmount();

    asRole('staff');
    renderApp('/sessions/s1/feedback/f9/edit');
    await screen.findByRole('button', { name: 'Save feedback' });
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Erase this comment' })).toBeNull();
  });

  it('the confirmation page for a comment: destroyed and kept, the checkbox, then erased', async () => {
    asRole('lead');
    const s: ErasureSummary = {
      subjectEntity: 'feedback', subjectId: 'f9', title: 'The signs by the lift…', pseudonym: 'Erased comment',
      destroyed: ['The words of the comment, everywhere (the search index too), and permission to quote it', 'The words where 1 "you said" entry quotes them'],
      kept: ['Its rating, themes, source and anonymous profile (age band, ethnic group, borough): they identify nobody and count in the session’s reach'],
      consents: 0, timeEntries: 0, conflicts: 1, actions: 1, backups: 1,
    };
    vi.mocked(backend.previewErasure).mockResolvedValue(s);
    vi.mocked(backend.eraseFeedback).mockResolvedValue(result(s, { backupsRewritten: ['involve-2026-12-01.db'], backupsDeleted: [] }));
    const user = userEvent.setup();
    const { container } = renderApp('/feedback/f9/erase?session=s1');
    expect(await screen.findByRole('heading', { level: 1, name: /Erase “The signs by the lift…”/ })).toBeInTheDocument();
    expect(backend.previewErasure).toHaveBeenCalledWith('feedback', 'f9');
    expect(screen.getByTestId('erase-destroyed')).toHaveTextContent('The words of the comment');
    expect(screen.getByTestId('erase-kept')).toHaveTextContent('Its rating, themes');
    expect(screen.getByTestId('erase-counts')).toHaveTextContent('“You said” entries quoting it1');
    expect(screen.getByTestId('erase-backups')).toHaveTextContent('1 local backup on this laptop will be rewritten');
    expect(screen.queryByLabelText(/Which request does this answer/)).toBeNull();
    expect(backend.getPrivacyRegister).not.toHaveBeenCalled();
    await expectAxeClean(container);

    await user.click(screen.getByRole('button', { name: 'Erase this comment' }));
    expect(await screen.findByTestId('error-summary')).toHaveTextContent('Confirm that you understand this cannot be undone');
    expect(backend.eraseFeedback).not.toHaveBeenCalled();

    await user.click(screen.getByLabelText('I understand that this cannot be undone'));
    await user.click(screen.getByRole('button', { name: 'Erase this comment' }));
    await waitFor(() => expect(backend.eraseFeedback).toHaveBeenCalledWith('f9'));
    const done = await screen.findByTestId('erase-done');
    expect(within(done).getByRole('heading', { level: 1, name: 'Comment erased' })).toBeInTheDocument();
    expect(done).toHaveTextContent(ERASED_TEXT);
    expect(screen.getByTestId('erase-done-rewritten')).toHaveTextContent('involve-2026-12-01.db');
    expect(screen.queryByTestId('erase-done-deleted')).toBeNull();
    expect(within(done).getByRole('link', { name: 'Back to the session' })).toHaveAttribute('href', '/sessions/s1');
    await expectAxeClean(container);
  });

  it('from the records due for review, the way back is to that list', async () => {
    asRole('lead');
    vi.mocked(backend.previewErasure).mockResolvedValue(personSummary({ subjectEntity: 'feedback', subjectId: 'f9', title: 'Words' }));
    renderApp('/feedback/f9/erase');
    expect(await screen.findByRole('link', { name: 'Back' })).toHaveAttribute('href', '/retention/due');
  });

  it('an erased comment shows the placeholder and cannot be edited', async () => {
    asRole('lead');
    vi.mocked(backend.listFeedback).mockResolvedValue([feedback({ id: 'f9', sessionId: 's1', text: ERASED_TEXT })]);
    const { container } = renderApp('/sessions/s1/feedback/f9/edit');
    expect(await screen.findByTestId('feedback-erased')).toHaveTextContent(ERASED_TEXT);
    expect(screen.getByRole('heading', { level: 1, name: /Erased feedback/ })).toBeInTheDocument();
    expect(screen.queryByLabelText(/What did they say/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save feedback' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Erase this comment' })).toBeNull();
    await expectAxeClean(container);
  });
});

describe('Erase now, from the records due for review', () => {
  it('a partner and a feedback item due have "Erase now"; other records do not', async () => {
    asRole('lead');
    const item = { recordKind: 'contributor', kindLabel: 'Contributor details', from: '2025-01-31', dueOn: '2026-01-31', why: '12 months', autoErase: false };
    vi.mocked(backend.listDueForReview).mockResolvedValue({
      asOf: '2026-12-06',
      items: [
        { ...item, entity: 'contributor', recordId: 'c7', title: 'Contributor 7' },
        { ...item, recordKind: 'feedback', kindLabel: 'Feedback', entity: 'feedback', recordId: 'f9', title: 'Feedback from Market stall' },
        { ...item, recordKind: 'deleted', kindLabel: 'Deleted records', entity: 'session', recordId: 's1', title: 'Deleted: Old session' },
      ],
    });
    const { container } = renderApp('/retention/due');
    const rows = await screen.findAllByTestId('due-row');
    expect(within(rows[0]).getByRole('link', { name: /^Erase now\s*Contributor 7$/ })).toHaveAttribute('href', '/people/c7/erase?from=due');
    expect(within(rows[1]).getByRole('link', { name: /^Erase now\s*Feedback from Market stall$/ })).toHaveAttribute('href', '/feedback/f9/erase');
    expect(within(rows[2]).queryByRole('link', { name: /Erase now/ })).toBeNull();
    await expectAxeClean(container);
  });
});

describe('a session’s feedback list', () => {
  it('an erased comment has no Edit or Delete; the others keep theirs', async () => {
    const items = [feedback({ id: 'f1', text: ERASED_TEXT }), feedback({ id: 'f2', text: 'Lovely staff' })];
    const { container } = renderScreen(
      <FeedbackList items={items} themes={themes} label="Feedback" editTo={(f) => `/sessions/s1/feedback/${f.id}/edit`} onDelete={() => {}} />,
      '/sessions/s1',
    );
    const [erased, other] = screen.getAllByTestId('feedback-item');
    expect(erased).toHaveTextContent(ERASED_TEXT);
    expect(within(erased).queryByRole('link', { name: /Edit/ })).toBeNull();
    expect(within(erased).queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(within(other).getByRole('link', { name: /Edit/ })).toBeInTheDocument();
    expect(within(other).getByRole('button', { name: /^Delete the feedback “/ })).toBeInTheDocument();
    await expectAxeClean(container);
  });
});
