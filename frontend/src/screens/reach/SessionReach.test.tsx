import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { mergeTally, normSessionReach, tallyWarnings, type ReachQuestion, type SessionReach, type Tally } from '../../lib/reach';
import { act } from '@testing-library/react';
import { emit } from '../../test/backendMock';
import { Events } from '../../lib/types';
import { expectAxeClean } from '../../test/axe';
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

  it('merges counts pulled while open question by question, keeping what is being typed', () => {
    const dim = (counts: Record<string, number>) => ({ basis: 'self_reported', counts });
    const base = { id: 't', sessionId: 's1', rev: 1, formsReturned: 3, sex: dim({ female: 1 }) } as Tally;
    const mine = { ...base, ageBand: dim({ '18_24': 4 }) } as Tally;
    const theirs = { ...base, rev: 2, sex: dim({ female: 1, male: 2 }), formsReturned: 5 } as Tally;
    const merged = mergeTally(base, mine, theirs);
    expect(merged.ageBand).toEqual(dim({ '18_24': 4 })); // typed here
    expect(merged.sex).toEqual(dim({ female: 1, male: 2 })); // pulled
    expect(merged.formsReturned).toBe(5);
    expect(merged.rev).toBe(2);
    // a question both changed keeps the screen's counts; one cleared here stays cleared
    const mine2 = { ...base, sex: dim({ female: 7 }), formsReturned: undefined } as Tally;
    const m2 = mergeTally(base, mine2, theirs);
    expect(m2.sex).toEqual(dim({ female: 7 }));
    expect(m2.formsReturned).toBeUndefined();
  });

  it('shows counts pulled by a sync while it is open, and keeps counts being typed', async () => {
    const user = userEvent.setup();
    // a store: saves write only the questions changed since "loaded", as Go's overlay does
    let stored: Tally = { id: 'tally-1', sessionId: 's1', sex: { basis: 'self_reported', counts: { female: 1 } } } as Tally;
    vi.mocked(backend.getSessionReach).mockImplementation(async () => reachOf({ tally: stored }));
    vi.mocked(backend.saveTally).mockImplementation(async (_id, loaded, edited) => {
      const next: Record<string, unknown> = { ...stored };
      for (const k of new Set([...Object.keys(loaded), ...Object.keys(edited)])) {
        const l = JSON.stringify((loaded as unknown as Record<string, unknown>)[k] ?? null);
        const e = (edited as unknown as Record<string, unknown>)[k];
        if (l !== JSON.stringify(e ?? null)) next[k] = e;
      }
      stored = next as unknown as Tally;
      return { tally: stored, savedAt: '2026-11-24T14:05:00.000Z', warnings: [] };
    });
    renderAt('/sessions/s1/reach', routes);
    const sex = await screen.findByRole('group', { name: 'Sex' });
    expect(within(sex).getByRole('spinbutton', { name: 'Female' })).toHaveValue('1');

    // another laptop's counts arrive: shown, and nothing is saved for them
    stored = { ...stored, sex: { basis: 'self_reported', counts: { female: 1, male: 4 } }, formsReturned: 2 } as Tally;
    act(() => emit(Events.dataChanged, { entity: 'tally', id: 'tally-1' }));
    await waitFor(() => expect(within(sex).getByRole('spinbutton', { name: 'Male' })).toHaveValue('4'));
    expect(screen.getByRole('spinbutton', { name: 'Forms returned' })).toHaveValue('2');
    expect(backend.saveTally).not.toHaveBeenCalled();

    // typing here while more counts arrive for another question: both kept
    const age = screen.getByRole('group', { name: 'Age band' });
    await user.click(within(age).getByRole('button', { name: 'Add one: 18 to 24' }));
    stored = { ...stored, ethnicity: { basis: 'estimated', counts: { indian: 3 } } } as Tally;
    act(() => emit(Events.dataChanged, { entity: 'tally', id: 'tally-1' }));
    const eth = screen.getByRole('group', { name: 'Ethnic group' });
    await waitFor(() => expect(within(eth).getByRole('spinbutton', { name: 'Indian' })).toHaveValue('3'));
    await waitFor(() => expect(screen.getByTestId('tally-status')).toHaveTextContent(/^Saved at/));
    expect(within(age).getByRole('spinbutton', { name: '18 to 24' })).toHaveValue('1');
    expect(stored.ageBand).toEqual({ basis: 'self_reported', counts: { '18_24': 1 } });
    expect(stored.ethnicity).toEqual({ basis: 'estimated', counts: { indian: 3 } });
    expect(stored.sex).toEqual({ basis: 'self_reported', counts: { female: 1, male: 4 } });
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

/**
 * The places Tab stops at, in document order: links, enabled buttons and fields without
 * tabindex -1, a group of radios once (Tab goes to the checked one; arrows move within).
 */
function tabStops(root: HTMLElement): HTMLElement[] {
  const seen = new Set<string>();
  return [...root.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')].filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (seen.has(el.name)) return false;
      seen.add(el.name);
    }
    return true;
  });
}

describe('who came: the page a stack of forms is typed into', { timeout: 20_000 }, () => {
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session({ id: 's1', title: 'Market stall', attendees: 10 }));
    vi.mocked(backend.saveTally).mockImplementation(async (_id, _loaded, edited) => ({
      tally: { ...edited, id: 'tally-1' },
      savedAt: '2026-11-24T14:05:00.000Z',
      warnings: [],
    }));
  });

  const withProfile = () =>
    reachOf({
      tally: { id: 't', sessionId: 's1', formsReturned: 3, ageBand: { basis: 'self_reported', counts: { '18_24': 7 } } } as Tally,
      profiles: [{ id: 'p1', sessionId: 's1', ageBand: '25_34', sex: '', genderSameAsBirth: '', ethnicity: 'indian', disability: '', sexualOrientation: '', religion: '', unpaidCarer: '', borough: '', imdDecile: '', plusGroups: ['carers'] }],
    });

  it('takes the − and + buttons out of the tab order: Tab goes from number box to number box', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(withProfile());
    const { container } = renderAt('/sessions/s1/reach', routes);
    const age = await screen.findByRole('group', { name: 'Age band' });
    // still there for a mouse or a touch screen, with their names
    const buttons = screen.getAllByRole('button', { name: /^(Add|Remove) one: / });
    expect(buttons.length).toBe(2 * screen.getAllByTestId('tally-counter').length);
    for (const b of buttons) expect(b).toHaveAttribute('tabindex', '-1');
    await user.click(within(age).getByRole('button', { name: 'Add one: 18 to 24' }));
    expect(within(age).getByRole('spinbutton', { name: '18 to 24' })).toHaveValue('8');

    await user.click(within(age).getByRole('spinbutton', { name: '18 to 24' }));
    await user.tab();
    expect(within(age).getByRole('spinbutton', { name: '25 to 34' })).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(within(age).getByRole('spinbutton', { name: '25 to 34' })).toHaveValue('2');
    await user.tab();
    expect(within(age).getByRole('spinbutton', { name: 'Prefer not to say' })).toHaveFocus();

    // Tab stops: the back link, the contents (3 totals and 4 questions), the
    // explanation, the warning's link, each number box, each question's "How were these
    // counted?", the profile's Edit and Delete and "Add a profile". With the buttons it
    // was 2 more per box (1 more while at 0).
    const boxes = screen.getAllByRole('spinbutton').length;
    const stops = tabStops(container);
    expect(stops.length).toBe(1 + 7 + 1 + 1 + boxes + questions.length + 2 + 1);
    expect(stops.filter((el) => el.tagName === 'BUTTON').map((el) => el.textContent)).toEqual(['Edit', 'Delete', 'Add a profile']);
  });

  it('shows the totals and every question with its running count, and jumps to a question', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(withProfile());
    const { container } = renderAt('/sessions/s1/reach', routes);
    const contents = await screen.findByRole('navigation', { name: 'Who came so far' });
    const totals = within(contents).getByRole('list', { name: 'Totals' });
    expect(within(totals).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Total attendees 10',
      'Forms returned 3',
      'Attendee profiles 1',
    ]);
    // the boxes say what they count
    expect(screen.getByRole('spinbutton', { name: 'Total attendees' })).toHaveAccessibleDescription(
      'Everyone who came, whether or not they returned a form',
    );
    expect(screen.getByRole('spinbutton', { name: 'Forms returned' })).toHaveAccessibleDescription(
      'Equality monitoring forms handed back; 1 is kept as an attendee profile',
    );
    const list = within(contents).getByRole('list', { name: 'Questions' });
    // Age band: 7 counted and 1 profile, of 10: does not add up; the rest: the profile
    expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Age band ! 8 of 10 (does not add up to the total attendees)',
      'Sex 1 of 10',
      'Ethnic group 1 of 10',
      'PLUS groups 1 counted',
    ]);
    // the counts follow the boxes
    const sex = screen.getByRole('group', { name: 'Sex' });
    await user.click(within(sex).getByRole('button', { name: 'Add one: Female' }));
    expect(within(list).getByRole('link', { name: /^Sex/ })).toHaveTextContent('Sex ! 2 of 10 (does not add up to the total attendees)');
    await user.type(screen.getByRole('spinbutton', { name: 'Total attendees' }), '{Backspace}{Backspace}8');
    expect(within(totals).getByRole('link', { name: /^Total attendees/ })).toHaveTextContent('Total attendees 8');
    expect(within(list).getByRole('link', { name: /^Sex/ })).toHaveTextContent('Sex ! 2 of 8');

    // a question's link puts the cursor in its first number box and marks it as here
    await user.click(within(list).getByRole('link', { name: /^Ethnic group/ }));
    const ethnic = screen.getByRole('group', { name: 'Ethnic group' });
    expect(within(ethnic).getAllByRole('spinbutton')[0]).toHaveFocus();
    expect(within(list).getByRole('link', { name: /^Ethnic group/ })).toHaveAttribute('aria-current', 'location');
    expect(within(list).getByRole('link', { name: /^Sex/ })).not.toHaveAttribute('aria-current');
    await user.click(within(totals).getByRole('link', { name: /^Forms returned/ }));
    expect(screen.getByRole('spinbutton', { name: 'Forms returned' })).toHaveFocus();
    expect(within(totals).getByRole('link', { name: /^Forms returned/ })).toHaveAttribute('aria-current', 'location');
    await expectAxeClean(container);
  });

  it('explains how forms returned, the counts and attendee profiles fit together', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionReach).mockResolvedValue(reachOf());
    const { container } = renderAt('/sessions/s1/reach', routes);
    await screen.findByRole('group', { name: 'Age band' });
    expect(screen.getByText(/Count each person once: either in the counts below or as an attendee profile, never both/)).toBeInTheDocument();
    const details = screen.getByTestId('reach-explained');
    await user.click(within(details).getByText('How forms returned, counts and attendee profiles fit together'));
    expect(details).toHaveAttribute('open');
    expect(details).toHaveTextContent(/Forms returned is how many equality monitoring forms people handed back\. It adds nobody to the counts/);
    expect(details).toHaveTextContent(/A profile adds itself to every question/);
    expect(details).toHaveTextContent(/attendee profiles not more than forms returned/);
    expect(details).toHaveTextContent(/press ↑ or ↓ to add or take away one/);
    await expectAxeClean(container);
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
