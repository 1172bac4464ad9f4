// "You said, we did": the board (overdue first, needs-response list, quick actions),
// the action form (from chosen feedback, missing feedback), the session's "Create action
// from selected", outcomes, the write-ups; axe on each new screen.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { feedback, renderAt, session, summary, themes } from '../../test/fixtures';
import type { ActionView, ActionsBoard, Outcome, WriteUp } from '../../lib/types';
import { emptyAction } from '../../lib/action';
import { emptyOutcome } from '../../components/OutcomeForm';
import { SessionActions } from '../../components/SessionActions';
import { ProjectOutcomes } from '../../components/ProjectOutcomes';
import { AnsweredFeedback } from '../../components/AnsweredFeedback';
import { itemName } from '../../lib/itemName';
import { ActionsScreen } from '../ActionsScreen';
import { ActionEditScreen } from '../ActionEditScreen';
import { OutcomeEditScreen } from '../OutcomeEditScreen';
import { ProjectWriteUpScreen } from '../ProjectWriteUpScreen';
import { SessionWriteUpScreen } from '../SessionWriteUpScreen';
import { expectAxeClean } from '../../test/axe';
import { dateGroup, typeDate } from '../../test/dates';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

// Whole forms typed with userEvent and axe runs: slow on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

function view(over: Partial<ActionView> = {}): ActionView {
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

function board(over: Partial<ActionsBoard> = {}): ActionsBoard {
  return {
    today: '2026-03-10',
    overdue: 1,
    columns: [
      {
        status: 'planned',
        label: 'Planned',
        actions: [
          view({ id: 'late', youSaid: 'Late one', due: '2026-03-01', overdue: true }),
          view({ id: 'ontime', youSaid: 'On time', due: '2026-04-01' }),
        ],
      },
      { status: 'in_progress', label: 'In progress', actions: [] },
      { status: 'done', label: 'Done', actions: [view({ id: 'd1', youSaid: 'Done one', status: 'done', weDid: 'New signs' })] },
      { status: 'not_possible', label: 'Not possible', actions: [] },
    ],
    needsResponse: [
      { id: 'f9', sessionId: 's1', sessionTitle: 'Market stall', sessionDate: '2026-03-01', text: 'Open later please', createdAt: '2026-03-01T10:00:00.000Z' },
    ],
    needsResponseTotal: 1,
    ...over,
  };
}

beforeEach(() => {
  vi.mocked(backend.listThemes).mockResolvedValue(themes);
});

describe('actions board', () => {
  it('shows each status, overdue actions first with a red tag, and feedback needing a response', async () => {
    vi.mocked(backend.getActionsBoard).mockResolvedValue(board());
    const { container } = renderAt('/actions', [{ path: '/actions', element: <ActionsScreen /> }]);
    const planned = await screen.findByTestId('column-planned');
    const cards = within(planned).getAllByTestId('action-card');
    expect(cards.map((c) => c.getAttribute('data-action-id'))).toEqual(['late', 'ontime']);
    expect(within(cards[0]).getByText('Overdue')).toBeInTheDocument();
    expect(within(cards[1]).queryByText('Overdue')).toBeNull();
    for (const h of ['Planned (2)', 'In progress (0)', 'Done (1)', 'Not possible (0)']) {
      expect(screen.getByRole('heading', { name: h })).toBeInTheDocument();
    }
    const needs = screen.getByTestId('needs-response');
    expect(within(needs).getByText('“Open later please”')).toBeInTheDocument();
    expect(within(needs).getByRole('link', { name: /Create action/ })).toHaveAttribute(
      'href',
      '/actions/new?sessionId=s1&feedback=f9&back=/actions',
    );
    await expectAxeClean(container);
  });

  it('marks an action done with what was done, then records it communicated back', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getActionsBoard).mockResolvedValue(board());
    vi.mocked(backend.updateAction).mockImplementation(async (_id, _l, edited) => ({ ...view(), ...edited }));
    renderAt('/actions', [{ path: '/actions', element: <ActionsScreen /> }]);
    const card = (await screen.findAllByTestId('action-card'))[0];
    await user.click(within(card).getByRole('button', { name: /Mark done/ }));
    await user.type(within(card).getByLabelText('What did you do? (we did)'), 'Bigger signs');
    await user.click(within(card).getByRole('button', { name: 'Save as done' }));
    await waitFor(() => expect(backend.updateAction).toHaveBeenCalledTimes(1));
    let [id, loaded, edited] = vi.mocked(backend.updateAction).mock.calls[0];
    expect(id).toBe('late');
    expect(loaded).toMatchObject({ status: 'planned', weDid: '' });
    expect(edited).toMatchObject({ status: 'done', weDid: 'Bigger signs', youSaid: 'Late one' });

    await user.click(within(card).getByRole('button', { name: /Record communicated back/ }));
    await typeDate(user, dateGroup('Date communicated back', card), '2026-03-09');
    await user.selectOptions(within(card).getByLabelText('How was it communicated back?'), 'newsletter');
    await user.click(within(card).getByLabelText('Published in a “you said, we did” update'));
    await user.click(within(card).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(backend.updateAction).toHaveBeenCalledTimes(2));
    [id, loaded, edited] = vi.mocked(backend.updateAction).mock.calls[1];
    expect(edited).toMatchObject({ communicatedOn: '2026-03-09', channel: 'newsletter', published: true });
  });

  it('never loses focus: each quick action opens at its first field, Cancel returns, a save focuses the moved card and says so', async () => {
    const user = userEvent.setup();
    const moved = board();
    const late = { ...moved.columns[0].actions[0], status: 'done' as const, weDid: 'Bigger signs', rev: 2 };
    moved.columns[0].actions = moved.columns[0].actions.slice(1);
    moved.columns[2].actions = [late, ...moved.columns[2].actions];
    vi.mocked(backend.getActionsBoard).mockReset();
    vi.mocked(backend.getActionsBoard).mockResolvedValueOnce(board()).mockResolvedValue(moved);
    vi.mocked(backend.updateAction).mockReset();
    vi.mocked(backend.updateAction).mockImplementation(async (id, _l, edited) => ({ ...view(), ...edited, id, rev: 2 }));
    renderAt('/actions?saved=ontime', [{ path: '/actions', element: <ActionsScreen /> }]);
    // from the action form (?saved=): focus on that action's card
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-action-id', 'ontime'));
    const card = () => screen.getAllByTestId('action-card').find((c) => c.dataset.actionId === 'late') as HTMLElement;
    await screen.findAllByTestId('action-card');

    await user.click(within(card()).getByRole('button', { name: /Mark done/ }));
    expect(document.activeElement).toBe(within(card()).getByLabelText('What did you do? (we did)'));
    await user.click(within(card()).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(within(card()).getByRole('button', { name: /Mark done/ }));

    await user.click(within(card()).getByRole('button', { name: /Record communicated back/ }));
    expect(document.activeElement).toBe(within(dateGroup('Date communicated back', card())).getByLabelText('Day'));
    await user.click(within(card()).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(within(card()).getByRole('button', { name: /Record communicated back/ }));

    await user.click(within(card()).getByRole('button', { name: /Mark done/ }));
    await user.type(within(card()).getByLabelText('What did you do? (we did)'), 'Bigger signs');
    await user.click(within(card()).getByRole('button', { name: 'Save as done' }));
    // the card moved to Done; focus went with it, and the banner (role=status) says what happened
    await waitFor(() => expect(within(screen.getByTestId('column-done')).getAllByTestId('action-card')[0]).toHaveAttribute('data-action-id', 'late'));
    await waitFor(() => expect(document.activeElement).toBe(within(screen.getByTestId('column-done')).getAllByTestId('action-card')[0]));
    const flash = screen.getByTestId('flash');
    expect(flash).toHaveAttribute('role', 'status');
    expect(flash).toHaveTextContent('Marked done: “Late one”.');
    expect(flash).not.toHaveTextContent('Action saved.');

    await user.click(within(card()).getByRole('button', { name: /Record communicated back/ }));
    await user.selectOptions(within(card()).getByLabelText('How was it communicated back?'), 'newsletter');
    await user.click(within(card()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent('Communicated back recorded: “Late one”.'));
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-action-id', 'late'));
  });

  it('replaces a stale "Action saved." banner with the quick action’s own message', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getAction).mockResolvedValue(view({ id: 'ontime', youSaid: 'On time' }));
    vi.mocked(backend.listFeedback).mockResolvedValue([]);
    vi.mocked(backend.updateAction).mockReset();
    vi.mocked(backend.updateAction).mockImplementation(async (id, _l, edited) => ({ ...view(), ...edited, id, rev: 2 }));
    vi.mocked(backend.getActionsBoard).mockReset();
    vi.mocked(backend.getActionsBoard).mockResolvedValue(board());
    renderAt('/actions/ontime/edit', [
      { path: '/actions/:id/edit', element: <ActionEditScreen /> },
      { path: '/actions', element: <ActionsScreen /> },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Save action' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/actions?saved=ontime'));
    expect(screen.getByTestId('flash')).toHaveTextContent('Action saved.');
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-action-id', 'ontime'));
    const card = document.activeElement as HTMLElement;
    await user.click(within(card).getByRole('button', { name: /Record communicated back/ }));
    await user.selectOptions(within(card).getByLabelText('How was it communicated back?'), 'email');
    await user.click(within(card).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('flash')).toHaveTextContent('Communicated back recorded: “On time”.'));
    expect(screen.getByTestId('flash')).not.toHaveTextContent('Action saved.');
  });

  it('shows Go’s message beside the field when a quick action is refused', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getActionsBoard).mockResolvedValue(board());
    vi.mocked(backend.updateAction).mockRejectedValue({
      code: 'invalid',
      message: 'There is a problem with the action',
      fields: [{ field: 'weDid', message: 'Enter what you did, or choose another status' }],
    });
    renderAt('/actions', [{ path: '/actions', element: <ActionsScreen /> }]);
    const card = (await screen.findAllByTestId('action-card'))[0];
    await user.click(within(card).getByRole('button', { name: /Mark done/ }));
    await user.click(within(card).getByRole('button', { name: 'Save as done' }));
    expect(await within(card).findAllByText(/Enter what you did, or choose another status/)).not.toHaveLength(0);
  });
});

describe('action form', () => {
  it('creates an action from chosen feedback, showing its text', async () => {
    const user = userEvent.setup();
    const items = [feedback({ id: 'fa', text: 'Signs too small' }), feedback({ id: 'fb', text: 'Door hard to find' }), feedback({ id: 'fc', text: 'Nice staff' })];
    vi.mocked(backend.listFeedback).mockResolvedValue(items);
    vi.mocked(backend.createAction).mockResolvedValue(view({ id: 'new1' }));
    const { container } = renderAt('/actions/new?sessionId=s1&feedback=fa,fb', [{ path: '/actions/new', element: <ActionEditScreen /> }]);
    const answered = await screen.findByTestId('answered-feedback');
    expect(within(answered).getByText('“Signs too small”')).toBeInTheDocument();
    expect(within(answered).getByText('“Door hard to find”')).toBeInTheDocument();
    expect(screen.getByLabelText('You said')).toHaveValue('Signs too small\n\nDoor hard to find');
    await expectAxeClean(container);
    // choose one more from the session
    await user.click(screen.getByText('Choose feedback from this session'));
    await user.click(screen.getByLabelText('Nice staff'));
    await user.type(screen.getByLabelText('Owner'), 'Sam');
    await user.click(screen.getByRole('button', { name: 'Save action' }));
    await waitFor(() => expect(backend.createAction).toHaveBeenCalled());
    expect(vi.mocked(backend.createAction).mock.calls[0][0]).toMatchObject({
      sessionId: 's1',
      feedbackIds: ['fa', 'fb', 'fc'],
      owner: 'Sam',
      status: 'planned',
    });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/actions?added=new1'));
  });

  it('refuses an empty "You said" with the error summary, sending it empty (not the feedback text)', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listFeedback).mockResolvedValue([feedback({ id: 'fa', text: 'Signs too small' })]);
    vi.mocked(backend.createAction).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with the action',
      fields: [{ field: 'youSaid', message: 'Enter what people said' }],
    });
    renderAt('/actions/new?sessionId=s1&feedback=fa', [{ path: '/actions/new', element: <ActionEditScreen /> }]);
    const said = await screen.findByLabelText('You said');
    await user.clear(said);
    await user.click(screen.getByRole('button', { name: 'Save action' }));
    const summary = await screen.findByTestId('error-summary');
    expect(document.activeElement).toBe(summary);
    const link = within(summary).getByRole('link', { name: 'Enter what people said' });
    expect(link).toHaveAttribute('href', '#youSaid');
    expect(vi.mocked(backend.createAction).mock.calls[0][0]).toMatchObject({ youSaid: '', feedbackIds: ['fa'] });
    await user.click(link);
    expect(document.activeElement).toBe(screen.getByLabelText('You said'));
    expect(screen.getByTestId('location')).toHaveTextContent('/actions/new');
  });

  it('says when linked feedback is no longer available, and sends loaded and edited on save', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getAction).mockResolvedValue(
      view({
        feedbackIds: ['gone', 'here'],
        feedback: [
          { id: 'gone', sessionId: '', sessionTitle: '', text: '', missing: true },
          { id: 'here', sessionId: 's1', sessionTitle: 'Market stall', text: 'Still here', missing: false },
        ],
      }),
    );
    vi.mocked(backend.listFeedback).mockResolvedValue([]);
    vi.mocked(backend.updateAction).mockResolvedValue(view());
    renderAt('/actions/a1/edit', [{ path: '/actions/:id/edit', element: <ActionEditScreen /> }]);
    expect(await screen.findByText('Feedback no longer available')).toBeInTheDocument();
    expect(screen.getByText('“Still here”')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Not possible'));
    await user.type(screen.getByLabelText('Why it was not possible'), 'No budget');
    await user.click(screen.getByRole('button', { name: 'Save action' }));
    await waitFor(() => expect(backend.updateAction).toHaveBeenCalled());
    const [, loaded, edited] = vi.mocked(backend.updateAction).mock.calls[0];
    expect(loaded).toMatchObject({ status: 'planned', feedbackIds: ['gone', 'here'] });
    expect(edited).toMatchObject({ status: 'not_possible', reasonNotPossible: 'No budget', feedbackIds: ['gone', 'here'] });
  });
});

describe('session: create action from selected', () => {
  it('asks for a choice, then opens the form with the ticked items', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listActions).mockResolvedValue([view({ feedbackIds: ['f2'] })]);
    const items = [feedback({ id: 'f1', text: 'One' }), feedback({ id: 'f2', text: 'Two' }), feedback({ id: 'f3', text: 'Three' })];
    renderAt('/sessions/s1', [{ path: '/sessions/:id', element: <SessionActions sessionId="s1" feedback={items} /> }]);
    expect(await screen.findByRole('list', { name: 'Actions for this session' })).toBeInTheDocument();
    expect(screen.queryByLabelText('One')).toBeNull(); // each text once on the page until asked
    await user.click(screen.getByRole('button', { name: 'Choose feedback for an action' }));
    expect(document.activeElement).toBe(screen.getByLabelText('One')); // focus on the first new field
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose feedback for an action' }));
    await user.click(screen.getByRole('button', { name: 'Choose feedback for an action' }));
    await user.click(screen.getByRole('button', { name: 'Create action from selected' }));
    expect(document.activeElement).toBe(screen.getByLabelText('One'));
    expect(screen.getAllByText(/Select the feedback the action answers/).length).toBeGreaterThan(0);
    await user.click(screen.getByLabelText('One'));
    await user.click(screen.getByLabelText('Three'));
    await user.click(screen.getByRole('button', { name: 'Create action from selected (2)' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/actions/new?sessionId=s1&feedback=f1,f3&back=/sessions/s1');
  });
});

describe('outcomes and write-ups', () => {
  const outcome = (over: Partial<Outcome> = {}): Outcome => ({
    ...emptyOutcome('p1'),
    id: 'o1',
    rev: 1,
    description: 'Leaflet rewritten',
    direction: 'positive',
    magnitude: 'minor',
    ...over,
  });

  it('adds an outcome linked to sessions and actions, and shows Go’s errors', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listSessions).mockResolvedValue([summary({ id: 's1', title: 'Workshop' })]);
    vi.mocked(backend.listActions).mockResolvedValue([view({ id: 'a1', youSaid: 'Signs confusing' })]);
    vi.mocked(backend.createOutcome)
      .mockRejectedValueOnce({
        code: 'invalid',
        message: 'There is a problem with the outcome',
        fields: [{ field: 'evidenceLink', message: 'Enter a link to the evidence that starts with https:// or http://' }],
      })
      .mockResolvedValueOnce(outcome());
    const { container } = renderAt('/projects/p1/outcomes/new', [
      { path: '/projects/:id/outcomes/new', element: <OutcomeEditScreen /> },
    ]);
    await user.type(await screen.findByLabelText('What changed'), 'Leaflet rewritten');
    await user.click(screen.getByLabelText('Materials'));
    await user.click(screen.getByLabelText('Positive'));
    await user.click(screen.getByLabelText('Decision changed'));
    await user.click(screen.getByLabelText('This was an intended outcome'));
    await user.type(screen.getByLabelText('Link to evidence (optional)'), 'www.nhs.uk');
    await user.click(screen.getByLabelText(/Workshop/));
    await user.click(screen.getByLabelText('Signs confusing'));
    await user.click(screen.getByRole('button', { name: 'Save outcome' }));
    const summaryBox = await screen.findByTestId('error-summary');
    expect(within(summaryBox).getByRole('link', { name: /starts with https/ })).toHaveAttribute('href', '#evidenceLink');
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Save outcome' }));
    await waitFor(() => expect(backend.createOutcome).toHaveBeenCalledTimes(2));
    expect(vi.mocked(backend.createOutcome).mock.calls[1][0]).toMatchObject({
      projectId: 'p1',
      description: 'Leaflet rewritten',
      impactOn: ['materials'],
      direction: 'positive',
      magnitude: 'decision_changed',
      intended: true,
      sessionIds: ['s1'],
      actionIds: ['a1'],
    });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/projects/p1'));
  });

  it('shows the GRIPP2 short form from Go', async () => {
    const w: WriteUp = {
      projectId: 'p1',
      project: 'Diabetes pathway',
      aim: 'Shape the pathway',
      methods: '2 sessions: 2 workshops.',
      results: '1 outcome recorded (1 minor).',
      discussion: 'No influence on decisions recorded yet.',
      reflections: 'Workshop (2026-03-01): Went well: Good chat',
      sessions: [],
      outcomes: [],
      actions: [],
      peopleReached: 20,
      feedbackItems: 3,
      actionsDone: 0,
      actionsCommunicated: 0,
    };
    vi.mocked(backend.getProjectWriteUp).mockResolvedValue(w);
    const { container } = renderAt('/projects/p1/write-up', [{ path: '/projects/:id/write-up', element: <ProjectWriteUpScreen /> }]);
    expect(await screen.findByTestId('gripp2-aim')).toHaveTextContent('Shape the pathway');
    expect(screen.getByTestId('gripp2-methods')).toHaveTextContent('2 sessions: 2 workshops.');
    expect(screen.getByTestId('gripp2-reflections')).toHaveTextContent('Went well: Good chat');
    await expectAxeClean(container);
  });

  it('saves a session’s reflections and marks it written up', async () => {
    const user = userEvent.setup();
    const s = session({ id: 's1', projectId: 'p1', status: 'held', wentWell: '' });
    vi.mocked(backend.getSession).mockResolvedValue(s);
    vi.mocked(backend.listActions).mockResolvedValue([view({ weDid: 'New signs', status: 'done' })]);
    vi.mocked(backend.listOutcomes).mockResolvedValue([outcome({ sessionIds: ['s1'] })]);
    vi.mocked(backend.updateSession).mockResolvedValue({ ...s, status: 'written_up' });
    const { container } = renderAt('/sessions/s1/write-up', [{ path: '/sessions/:id/write-up', element: <SessionWriteUpScreen /> }]);
    expect(await screen.findByTestId('writeup-actions')).toHaveTextContent('New signs');
    expect(await screen.findByText(/Leaflet rewritten/)).toBeInTheDocument();
    await expectAxeClean(container);
    await user.type(screen.getByLabelText('What went well'), 'Lots of people stopped');
    await user.click(screen.getByLabelText('This session is written up'));
    await user.click(screen.getByRole('button', { name: 'Save write-up' }));
    await waitFor(() => expect(backend.updateSession).toHaveBeenCalled());
    const [, loaded, edited] = vi.mocked(backend.updateSession).mock.calls[0];
    expect(loaded).toMatchObject({ wentWell: '', status: 'held' });
    expect(edited).toMatchObject({ wentWell: 'Lots of people stopped', status: 'written_up', title: s.title });
  });
});

describe('accessible names (WCAG 2.4.6)', () => {
  it('each "Session" link on the board says which feedback it leads to', async () => {
    vi.mocked(backend.getActionsBoard).mockResolvedValue(
      board({
        needsResponse: [
          { id: 'f8', sessionId: 's1', sessionTitle: 'Market stall', sessionDate: '2026-03-01', text: 'Open later please', createdAt: '2026-03-01T10:00:00.000Z' },
          { id: 'f9', sessionId: 's2', sessionTitle: '', sessionDate: '', text: 'More seats\nby the door', createdAt: '2026-03-01T10:00:00.000Z' },
        ],
        needsResponseTotal: 2,
      }),
    );
    renderAt('/actions', [{ path: '/actions', element: <ActionsScreen /> }]);
    const needs = await screen.findByTestId('needs-response');
    expect(within(needs).getByRole('link', { name: 'Market stall (where “Open later please” was said)' })).toHaveAttribute('href', '/sessions/s1?feedback=f8');
    expect(within(needs).getByRole('link', { name: 'Session (where “More seats” was said)' })).toHaveAttribute('href', '/sessions/s2?feedback=f9');
    expect(within(needs).getByRole('link', { name: 'Create action for “More seats”' })).toBeInTheDocument();
  });

  it('the session link beside answered feedback names the feedback', () => {
    renderAt('/x', [
      { path: '/x', element: <AnsweredFeedback items={[{ id: 'f1', sessionId: 's1', sessionTitle: '', text: 'Signs too small', missing: false }]} /> },
    ]);
    expect(screen.getByRole('link', { name: 'Session (where “Signs too small” was said)' })).toHaveAttribute('href', '/sessions/s1?feedback=f1');
  });

  it('each outcome\'s Edit and Delete say which outcome', async () => {
    vi.mocked(backend.listOutcomes).mockResolvedValue([
      { ...emptyOutcome('p1'), id: 'o1', rev: 1, description: 'Leaflet rewritten', direction: 'positive', magnitude: 'minor' },
      { ...emptyOutcome('p1'), id: 'o2', rev: 1, description: 'Clinic opens later on Thursdays', direction: 'positive', magnitude: 'minor' },
    ]);
    renderAt('/projects/p1', [{ path: '/projects/:id', element: <ProjectOutcomes projectId="p1" /> }]);
    expect(await screen.findByRole('button', { name: 'Delete the outcome “Leaflet rewritten”' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete the outcome “Clinic opens later on Thursdays”' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit the outcome “Leaflet rewritten”' })).toHaveAttribute('href', '/projects/p1/outcomes/o1/edit');
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('itemName: the first line, at most 60 characters', () => {
    expect(itemName('  \nFirst line\nsecond')).toBe('First line');
    expect(itemName('a'.repeat(80))).toBe(`${'a'.repeat(59)}…`);
  });
});
