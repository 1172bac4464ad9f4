import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { normSessionReach, tallyWarnings, type ReachQuestion, type SessionReach, type Tally } from '../../lib/reach';
import { renderAt, session } from '../../test/fixtures';
import { SessionReachScreen } from './SessionReachScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const pnts = { code: 'prefer_not_to_say', label: 'Prefer not to say' };
const questions: ReachQuestion[] = [
  {
    code: 'ageBand',
    label: 'Age band',
    multi: false,
    items: [{ code: '18_24', label: '18 to 24' }, { code: '25_34', label: '25 to 34' }, pnts],
  },
  { code: 'sex', label: 'Sex', multi: false, items: [{ code: 'female', label: 'Female' }, { code: 'male', label: 'Male' }, pnts] },
  {
    code: 'ethnicity',
    label: 'Ethnic group',
    multi: false,
    items: [
      { code: 'indian', label: 'Indian', group: 'asian' },
      { code: 'white_british', label: 'English, Welsh, Scottish, Northern Irish or British', group: 'white' },
      pnts,
    ],
  },
  { code: 'plusGroups', label: 'PLUS groups', multi: true, items: [{ code: 'carers', label: 'Carers' }, pnts] },
];

function reachOf(over: Partial<SessionReach> = {}): SessionReach {
  return normSessionReach({
    sessionId: 's1',
    attendees: 10,
    tally: { id: '', sessionId: 's1' } as Tally,
    profiles: [],
    reach: { sessions: 1, sessionsCounted: 0, peopleReached: 10, formsReturned: 0, profiles: 0, dimensions: [], boroughsCovered: [], ethnicMinority: { num: 0, den: 0 }, core20: { num: 0, den: 0 } },
    warnings: [],
    questions,
    ...over,
  });
}

const routes = [{ path: '/sessions/:id/reach', element: <SessionReachScreen /> }];

describe('who came (tally screen)', { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's1', title: 'Market stall', attendees: 10 }));
    vi.mocked(backend.saveTally).mockImplementation(async (_id, _loaded, edited) => ({
      tally: { ...edited, id: 'tally-1' },
      savedAt: '2026-11-24T14:05:00.000Z',
      warnings: [],
    }));
  });

  it('counts with + and − buttons and saves as you go', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(reachOf());
    renderAt('/sessions/s1/reach', routes);
    const age = await screen.findByRole('group', { name: 'Age band' });
    expect(screen.getByRole('heading', { level: 1, name: /Who came/ })).toHaveTextContent('Market stall');
    const add = within(age).getByRole('button', { name: 'Add one: 25 to 34' });
    const remove = within(age).getByRole('button', { name: 'Remove one: 25 to 34' });
    const box = within(age).getByRole('spinbutton', { name: '25 to 34' });
    expect(remove).toBeDisabled();
    await user.click(add);
    await user.click(add);
    await user.click(add);
    await user.click(remove);
    expect(box).toHaveValue('2');
    expect(box).toHaveAttribute('aria-valuenow', '2');
    expect(screen.getByTestId('tally-sum-ageBand')).toHaveTextContent('Adds up to 2 of 10 attendees');

    await waitFor(() => expect(screen.getByTestId('tally-status')).toHaveTextContent(/^Saved at/));
    const calls = vi.mocked(backend.saveTally).mock.calls;
    const before = calls.length;
    const [sessionId, loaded, edited] = calls[before - 1];
    expect(sessionId).toBe('s1');
    expect(calls[0][1].id).toBe('');
    expect(loaded.id).toBe(before > 1 ? 'tally-1' : '');
    expect(edited.ageBand).toEqual({ basis: 'self_reported', counts: { '25_34': 2 } });

    // the next save sends the saved tally as "loaded"
    await user.click(within(screen.getByRole('group', { name: 'Sex' })).getByRole('radio', { name: 'Estimated' }));
    await user.click(within(screen.getByRole('group', { name: 'Sex' })).getByRole('button', { name: 'Add one: Female' }));
    await waitFor(() => expect(vi.mocked(backend.saveTally).mock.calls.length).toBeGreaterThan(before));
    await waitFor(() => {
      const last = vi.mocked(backend.saveTally).mock.calls.at(-1)!;
      expect(last[1].id).toBe('tally-1');
      expect(last[2].sex).toEqual({ basis: 'estimated', counts: { female: 1 } });
    });
  });

  it('takes digits and arrow keys in the number box', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(reachOf());
    renderAt('/sessions/s1/reach', routes);
    const age = await screen.findByRole('group', { name: 'Age band' });
    const box = within(age).getByRole('spinbutton', { name: '18 to 24' });
    await user.click(box);
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowDown}');
    expect(box).toHaveValue('2');
    await user.clear(box);
    await user.type(box, '1x2');
    expect(box).toHaveValue('12');
    await user.keyboard('{PageDown}{PageDown}{ArrowDown}');
    expect(box).toHaveValue('0');
    await user.keyboard('{ArrowDown}');
    expect(box).toHaveValue('0');
    await user.keyboard('{PageUp}');
    expect(box).toHaveValue('10');
    // the total is its own counter, saved on the session
    vi.mocked(backend.setSessionAttendees).mockImplementation(async (_id, _loaded, n) => session({ id: 's1', attendees: n }));
    const total = screen.getByRole('spinbutton', { name: 'Total attendees' });
    await user.click(total);
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(backend.setSessionAttendees).toHaveBeenCalledWith('s1', 10, 11));
  });

  it('warns, without blocking, when a question does not add up to the total', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(
      reachOf({
        tally: { id: 't', sessionId: 's1', ageBand: { basis: 'self_reported', counts: { '18_24': 7 } } } as Tally,
        profiles: [{ id: 'p1', sessionId: 's1', ageBand: '25_34', sex: '', genderSameAsBirth: '', ethnicity: 'indian', disability: '', sexualOrientation: '', religion: '', unpaidCarer: '', borough: '', imdDecile: '', plusGroups: [] }],
      }),
    );
    renderAt('/sessions/s1/reach', routes);
    const warnings = await screen.findByTestId('tally-warnings');
    expect(warnings).toHaveTextContent('Age band adds up to 8, but the total attendees is 10');
    expect(screen.getByTestId('tally-sum-ageBand')).toHaveTextContent('Adds up to 8 of 10 attendees (7 counted here, 1 from profiles)');
    const age = screen.getByRole('group', { name: 'Age band' });
    expect(within(age).getByText('and 1 from a profile')).toBeInTheDocument();
    expect(screen.getByTestId('ethnic-group-total-asian')).toHaveTextContent('(1)');
    // saving goes on while the warning shows
    await user.click(within(age).getByRole('button', { name: 'Add one: 18 to 24' }));
    expect(screen.getByTestId('tally-warnings')).toHaveTextContent('Age band adds up to 9');
    await waitFor(() => expect(backend.saveTally).toHaveBeenCalled());
    await user.click(within(age).getByRole('button', { name: 'Add one: Prefer not to say' }));
    await waitFor(() => expect(screen.queryByTestId('tally-warnings')).not.toBeInTheDocument());
  });

  it('adds an anonymous attendee profile', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(reachOf());
    vi.mocked(backend.addAttendeeProfile).mockImplementation(async (a) => ({ ...a, id: 'p9' }));
    renderAt('/sessions/s1/reach', routes);
    await user.click(await screen.findByRole('button', { name: 'Add a profile' }));
    const form = screen.getByTestId('profile-form');
    await user.click(within(within(form).getByRole('group', { name: 'Age band' })).getByRole('radio', { name: '25 to 34' }));
    await user.click(within(within(form).getByRole('group', { name: 'Sex' })).getByRole('radio', { name: 'Prefer not to say' }));
    await user.selectOptions(within(form).getByLabelText('Ethnic group'), 'indian');
    const plus = within(form).getByRole('group', { name: 'PLUS groups' });
    await user.click(within(plus).getByRole('checkbox', { name: 'Carers' }));
    await user.click(within(plus).getByRole('checkbox', { name: 'Prefer not to say' }));
    expect(within(plus).getByRole('checkbox', { name: 'Carers' })).not.toBeChecked();
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(backend.addAttendeeProfile).toHaveBeenCalled());
    expect(vi.mocked(backend.addAttendeeProfile).mock.calls[0][0]).toMatchObject({
      sessionId: 's1',
      ageBand: '25_34',
      sex: 'prefer_not_to_say',
      ethnicity: 'indian',
      plusGroups: ['prefer_not_to_say'],
    });
    expect(screen.queryByTestId('profile-form')).not.toBeInTheDocument();
  });
});

describe('tallyWarnings', () => {
  it('follows involve.TallyWarnings', () => {
    const t = { id: '', sessionId: 's', formsReturned: 12, sex: { basis: 'estimated', counts: { female: 5 } }, plusGroups: { basis: 'self_reported', counts: { carers: 30 } } } as Tally;
    expect(tallyWarnings(10, t, 2, questions)).toEqual([
      { field: 'sex', message: 'Sex adds up to 7, but the total attendees is 10' },
      { field: 'formsReturned', message: 'Forms returned (12) is more than the total attendees (10)' },
    ]);
    expect(tallyWarnings(0, t, 0, questions).map((w) => w.field)).toEqual(['attendees']);
    expect(tallyWarnings(1, { id: '', sessionId: 's' } as Tally, 2, questions).map((w) => w.field)).toEqual(['profiles']);
  });
});
