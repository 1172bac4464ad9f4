// The register of information-rights requests (issue 13): on a lead's laptop only (the
// menu, "Not on this laptop" elsewhere, Go never asked), overdue first, then due soon,
// open, done or refused; the form shows the due date by the ICO's rule and Go's field
// errors in the error summary; Save as CSV…; axe on the list and the form.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { Role } from '../../lib/roles';
import type { PrivacyRegister, PrivacyRequestView } from '../../lib/types';
import { notConnected, syncStatus } from '../../test/syncFixtures';
import { contributor } from '../../test/peopleFixtures';
import { renderApp } from '../../test/renderApp';
import { expectAxeClean } from '../../test/axe';
import { emptyRequest, monthsAfter } from '../requests/RequestEditScreen';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

vi.setConfig({ testTimeout: 30_000 });

const asRole = (role: Role) => vi.mocked(backend.getSyncStatus).mockResolvedValue(role ? syncStatus({ role }) : notConnected());
const menu = () => screen.getByRole('navigation', { name: 'Menu' });

function req(over: Partial<PrivacyRequestView>): PrivacyRequestView {
  return {
    ...emptyRequest(),
    id: 'r',
    rev: 1,
    requestType: 'access',
    receivedOn: '2026-02-01',
    receivedVia: 'email',
    requester: 'A carer, by letter',
    dueBy: '2026-03-01',
    overdue: false,
    dueSoon: false,
    contributorName: '',
    contributorPseudonym: '',
    ...over,
  };
}

const reg = (requests: PrivacyRequestView[]): PrivacyRegister => ({
  today: '2026-03-10',
  requests,
  types: [
    { code: 'access', label: 'Access' },
    { code: 'erasure', label: 'Erasure' },
    { code: 'withdrawal', label: 'Withdrawal of consent' },
    { code: 'rectification', label: 'Rectification' },
    { code: 'objection', label: 'Objection' },
  ],
  channels: [
    { code: 'email', label: 'Email' },
    { code: 'letter', label: 'Letter' },
    { code: 'phone', label: 'Phone' },
    { code: 'in_person', label: 'In person' },
    { code: 'other', label: 'Other' },
  ],
  statuses: [
    { code: 'open', label: 'Open' },
    { code: 'done', label: 'Done' },
    { code: 'refused', label: 'Refused' },
  ],
});

const fullRegister = reg([
  req({ id: 'late', requestType: 'erasure', receivedOn: '2026-01-31', dueBy: '2026-02-28', overdue: true }),
  req({ id: 'soon', receivedOn: '2026-02-12', dueBy: '2026-03-12', dueSoon: true, contributorId: 'c1', requester: '', contributorName: 'Priya Shah' }),
  req({ id: 'open', receivedOn: '2026-03-01', dueBy: '2026-04-01' }),
  req({ id: 'done', status: 'done', doneOn: '2026-01-20', doneBy: 'Sam', actionTaken: 'Sent' }),
]);

beforeEach(() => {
  vi.clearAllMocks();
  vi.mocked(backend.getHome).mockResolvedValue({
    today: [],
    recent: [],
    counts: { projects: 0, sessions: 0, feedback: 0, feedbackToday: 0, needsResponse: 0 },
  });
  vi.mocked(backend.getPrivacyRegister).mockResolvedValue(fullRegister);
  vi.mocked(backend.listContributors).mockResolvedValue([contributor({ id: 'c1', name: 'Priya Shah' })]);
});

describe('the ICO’s one-month rule on screen', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-09-03', 1, '2026-10-03'],
    ['2026-02-30', 1, ''],
    ['', 1, ''],
  ])('%s + %i months = %s', (from, n, want) => {
    expect(monthsAfter(from, n)).toBe(want);
  });
});

describe('who sees the register', () => {
  it('a lead laptop has Requests in the menu', async () => {
    asRole('lead');
    renderApp('/');
    await screen.findByTestId('role-tag');
    expect(within(menu()).getByRole('link', { name: 'Requests' })).toHaveAttribute('href', '/requests');
  });

  it.each(['staff', 'capture', ''] as const)('role "%s" has no Requests in the menu', async (role) => {
    asRole(role);
    renderApp('/');
    await waitFor(() => expect(backend.getSyncStatus).toHaveBeenCalled());
    await screen.findByTestId('home-counts');
    expect(within(menu()).queryByRole('link', { name: 'Requests' })).toBeNull();
  });

  it.each([
    ['staff', '/requests'],
    ['capture', '/requests/new'],
    ['', '/requests/r/edit'],
  ] as const)('role "%s" at %s: "Not on this laptop", and Go is never asked', async (role, path) => {
    asRole(role);
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: 'Not on this laptop' })).toBeInTheDocument();
    expect(screen.getByText(/The register of requests is kept on your team’s lead laptop only/)).toBeInTheDocument();
    expect(backend.getPrivacyRegister).not.toHaveBeenCalled();
    expect(backend.getPrivacyRequest).not.toHaveBeenCalled();
  });
});

describe('the register', () => {
  it('lists overdue requests first, then due soon, open, done; axe clean', async () => {
    asRole('lead');
    const { container } = renderApp('/requests');
    await screen.findAllByTestId('request-row');
    expect(screen.getByRole('heading', { level: 1, name: /Register of requests/ })).toBeInTheDocument();
    const groups = ['overdue', 'due-soon', 'open', 'closed'].map((g) => screen.getByTestId(`requests-${g}`));
    const ids = screen.getAllByTestId('request-row').map((r) => r.getAttribute('data-request-id'));
    expect(ids).toEqual(['late', 'soon', 'open', 'done']);
    expect(within(groups[0]).getByRole('heading', { name: 'Overdue (1)' })).toBeInTheDocument();
    expect(within(groups[0]).getByText('Overdue', { selector: '.nhsuk-tag' })).toHaveClass('nhsuk-tag--red');
    expect(within(groups[0]).getByText('28 February 2026')).toBeInTheDocument();
    expect(within(groups[1]).getByText('Due soon', { selector: '.nhsuk-tag' })).toBeInTheDocument();
    expect(within(groups[1]).getByText('Priya Shah')).toBeInTheDocument();
    expect(within(groups[3]).getByRole('heading', { name: 'Done or refused (1)' })).toBeInTheDocument();
    expect(within(groups[0]).getByRole('link', { name: 'Erasure request received 31 January 2026' })).toHaveAttribute('href', '/requests/late/edit');
    await expectAxeClean(container);
  });

  it('saves the register as CSV and says where', async () => {
    const user = userEvent.setup();
    asRole('lead');
    vi.mocked(backend.exportPrivacyRegister).mockResolvedValue({ path: '/home/sam/Documents/involve-requests-2026-03-10.csv', files: [], cancelled: false, sessions: 0, feedback: 0, bytes: 10 });
    renderApp('/requests');
    await user.click(await screen.findByRole('button', { name: 'Save as CSV…' }));
    expect(backend.exportPrivacyRegister).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('The register was saved to /home/sam/Documents/involve-requests-2026-03-10.csv.')).toBeInTheDocument();
  });

  it('says so when there are none', async () => {
    asRole('lead');
    vi.mocked(backend.getPrivacyRegister).mockResolvedValue(reg([]));
    renderApp('/requests');
    expect(await screen.findByTestId('requests-empty')).toHaveTextContent('There are no requests in the register.');
  });
});

describe('the request form', () => {
  it('shows Go’s errors in the error summary, linked to the fields; axe clean', async () => {
    const user = userEvent.setup();
    asRole('lead');
    vi.mocked(backend.createPrivacyRequest).mockRejectedValue({
      code: 'invalid',
      message: 'There is a problem with the request',
      fields: [
        { field: 'requestType', message: 'Select what was asked for' },
        { field: 'receivedOn', message: 'Enter the date the request was received' },
        { field: 'requester', message: 'Select the Lived Experience Partner who asked, or describe who asked' },
      ],
    });
    const { container } = renderApp('/requests/new');
    await user.click(await screen.findByRole('button', { name: 'Save request' }));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Select what was asked for' })).toHaveAttribute('href', '#requestType');
    expect(within(summary).getByRole('link', { name: 'Enter the date the request was received' })).toHaveAttribute('href', '#receivedOn');
    expect(within(summary).getByRole('link', { name: /describe who asked/ })).toHaveAttribute('href', '#requester');
    expect(document.getElementById('requestType')).not.toBeNull();
    expect(document.getElementById('receivedOn')).not.toBeNull();
    expect(document.getElementById('requester')).not.toBeNull();
    await expectAxeClean(container);
  });

  it('adds a request: the due date shown as worked out, extended with a reason', async () => {
    const user = userEvent.setup();
    asRole('lead');
    vi.mocked(backend.createPrivacyRequest).mockResolvedValue(req({ id: 'new' }));
    renderApp('/requests/new');
    await user.click(await screen.findByRole('radio', { name: 'Erasure' }));
    await typeDate(user, dateGroup('Date received'), '2026-01-31');
    expect(screen.getByTestId('due-by')).toHaveTextContent('Due by 28 February 2026.');
    await user.click(screen.getByRole('radio', { name: 'Letter' }));
    await user.type(screen.getByLabelText('Who asked, if not a partner'), 'A carer');
    await user.click(screen.getByRole('radio', { name: '2 more months' }));
    expect(screen.getByTestId('due-by')).toHaveTextContent('Due by 30 April 2026 (extended by 2 months).');
    await user.type(screen.getByLabelText('Why was it extended?'), 'Records in three places');
    await user.click(screen.getByRole('button', { name: 'Save request' }));
    await waitFor(() => expect(backend.createPrivacyRequest).toHaveBeenCalledTimes(1));
    expect(vi.mocked(backend.createPrivacyRequest).mock.calls[0][0]).toMatchObject({
      requestType: 'erasure',
      receivedOn: '2026-01-31',
      receivedVia: 'letter',
      requester: 'A carer',
      contributorId: '',
      extendedMonths: 2,
      extensionReason: 'Records in three places',
      status: 'open',
      doneOn: '',
    });
    expect(await screen.findByText('Request added to the register.')).toBeInTheDocument();
  });

  it('edits a request: marked done with what was done, only its own fields sent', async () => {
    const user = userEvent.setup();
    asRole('lead');
    const stored = req({ id: 'r1', contributorId: 'c1', requester: '', contributorName: 'Priya Shah' });
    vi.mocked(backend.getPrivacyRequest).mockResolvedValue(stored);
    vi.mocked(backend.updatePrivacyRequest).mockResolvedValue(stored);
    const { container } = renderApp('/requests/r1/edit');
    expect(await screen.findByLabelText('Lived Experience Partner who asked')).toHaveValue('c1');
    await user.click(screen.getByRole('radio', { name: 'Done' }));
    await typeDate(user, dateGroup('Date done'), '2026-02-20');
    await user.type(screen.getByLabelText('Dealt with by'), 'Sam');
    await user.type(screen.getByLabelText('What was done'), 'Copy sent by secure email');
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Save request' }));
    await waitFor(() => expect(backend.updatePrivacyRequest).toHaveBeenCalledTimes(1));
    const [id, loaded, edited] = vi.mocked(backend.updatePrivacyRequest).mock.calls[0];
    expect(id).toBe('r1');
    expect(loaded).not.toHaveProperty('dueBy');
    expect(edited).toMatchObject({ status: 'done', doneOn: '2026-02-20', doneBy: 'Sam', actionTaken: 'Copy sent by secure email', contributorId: 'c1' });
  });
});
