import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { renderAt, session } from '../../test/fixtures';
import { SessionEditScreen } from '../SessionEditScreen';
import { dateGroup, findDateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [
  { path: '/sessions/new', element: <SessionEditScreen /> },
  { path: '/sessions/:id/edit', element: <SessionEditScreen /> },
];

describe('session form', () => {
  beforeEach(() => {
    vi.mocked(backend.listProjects).mockResolvedValue([]);
  });

  it('shows Go field errors as an error summary with links and beside each field', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createSession).mockRejectedValue({
      code: 'invalid',
      message: 'Check the session details',
      fields: [
        { field: 'title', message: 'Enter a session title' },
        { field: 'endTime', message: 'End time must be after the start time' },
        { field: 'type', message: 'Select the type of session' },
      ],
    });
    renderAt('/sessions/new', routes);
    await user.click(await screen.findByRole('button', { name: 'Save session' }));

    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeInTheDocument();
    await waitFor(() => expect(summary).toHaveFocus());

    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Enter a session title',
      'End time must be after the start time',
      'Select the type of session',
    ]);
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#title', '#endTime', '#type']);

    // Inline, in an error form group, described by the message.
    const title = screen.getByLabelText(/Session title/);
    expect(title.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
    expect(title).toHaveAccessibleDescription(/Enter a session title/);
    const endTime = screen.getByLabelText(/End time/);
    expect(endTime.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
    const typeGroup = screen.getByRole('group', { name: /Type of session/ });
    expect(within(typeGroup).getByText(/Select the type of session/)).toBeInTheDocument();

    // A summary link moves focus to its field and keeps the route.
    await user.click(links[1]);
    expect(endTime).toHaveFocus();
    await user.click(links[2]);
    expect(screen.getByRole('radio', { name: 'Workshop' })).toHaveFocus();
    expect(screen.getByTestId('location')).toHaveTextContent('/sessions/new');

    // Fields that are fine have no error styling.
    expect(screen.getByLabelText('Venue').closest('.nhsuk-form-group')).not.toHaveClass('nhsuk-form-group--error');
  });

  it('sends every SessionInput field and opens the new session', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createSession).mockResolvedValue(session({ id: 'new-id' }));
    renderAt('/sessions/new', routes);
    await user.type(await screen.findByLabelText(/Session title/), 'Focus group on diabetes');
    await user.click(screen.getByRole('radio', { name: 'Focus group' }));
    await user.click(screen.getByRole('checkbox', { name: 'Working together' }));
    await user.click(screen.getByRole('checkbox', { name: 'Interpreter' }));
    await user.selectOptions(screen.getByLabelText('Borough'), 'E09000008');
    await user.type(screen.getByLabelText('Total attendees'), '14');
    await user.click(screen.getByRole('button', { name: 'Save session' }));

    await waitFor(() => expect(backend.createSession).toHaveBeenCalledTimes(1));
    const input = vi.mocked(backend.createSession).mock.calls[0][0];
    expect(input).toMatchObject({
      projectId: '',
      title: 'Focus group on diabetes',
      type: 'focus_group',
      mode: 'in_person',
      status: 'held', // dated today: the session is happening, so it counts as held
      borough: 'E09000008',
      standards: ['2'],
      accessSupport: ['interpreter'],
      attendees: 14,
      questionSets: [],
      noFft: false, // the Friends and Family Test question is asked unless unticked
    });
    expect(input.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(input).sort()).toEqual(
      [
        'projectId', 'title', 'date', 'startTime', 'endTime', 'type', 'mode', 'venue', 'borough', 'hostPartner',
        'targetGroups', 'purpose', 'intendedOutcome', 'involvementLevel', 'engagementStage', 'standards',
        'accessSupport', 'facilitators', 'lepsPresent', 'status', 'wentWell', 'toImprove', 'attendees',
        'questionSets', 'noFft',
      ].sort(),
    );
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sessions/new-id'));
  });

  it('a new session dated today is Held; dated later it is Planned, until a status is chosen', async () => {
    const user = userEvent.setup();
    renderAt('/sessions/new', routes);
    const held = await screen.findByRole('radio', { name: 'Held' });
    expect(held).toBeChecked();
    const date = dateGroup('Date');
    const next = new Date();
    next.setDate(next.getDate() + 7);
    const later = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
    await typeDate(user, date, later);
    expect(screen.getByRole('radio', { name: 'Planned' })).toBeChecked();
    await typeDate(user, date, '2026-01-05');
    expect(held).toBeChecked();
    // Once the person picks a status, the date no longer changes it.
    await user.click(screen.getByRole('radio', { name: 'Planned' }));
    await typeDate(user, date, '2025-01-05');
    expect(screen.getByRole('radio', { name: 'Planned' })).toBeChecked();
  });

  it('editing a session never changes its status with the date', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's9', status: 'planned', date: '2030-01-01' }));
    renderAt('/sessions/s9/edit', routes);
    await typeDate(user, await findDateGroup('Date'), '2020-01-01');
    expect(screen.getByRole('radio', { name: 'Planned' })).toBeChecked();
  });

  it('checks the attendee count before calling Go', async () => {
    const user = userEvent.setup();
    renderAt('/sessions/new', routes);
    await user.type(await screen.findByLabelText('Total attendees'), 'lots');
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: /whole number/ })).toHaveAttribute('href', '#attendees');
    expect(backend.createSession).not.toHaveBeenCalled();
  });

  it('edits an existing session with its values filled in', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's9', title: 'Old title', standards: ['1'] }));
    vi.mocked(backend.updateSession).mockResolvedValue(session({ id: 's9' }));
    renderAt('/sessions/s9/edit', routes);
    const title = await screen.findByLabelText(/Session title/);
    expect(title).toHaveValue('Old title');
    expect(screen.getByRole('checkbox', { name: 'Inclusive opportunities' })).toBeChecked();
    await user.clear(title);
    await user.type(title, 'New title');
    await user.click(screen.getByRole('button', { name: 'Save session' }));
    await waitFor(() => expect(backend.updateSession).toHaveBeenCalled());
    expect(vi.mocked(backend.updateSession).mock.calls[0][0]).toBe('s9');
    // It sends the input as loaded and as edited: Go writes only the fields that differ.
    expect(vi.mocked(backend.updateSession).mock.calls[0][1]).toMatchObject({ title: 'Old title', standards: ['1'] });
    expect(vi.mocked(backend.updateSession).mock.calls[0][2]).toMatchObject({ title: 'New title', standards: ['1'] });
  });
});
