import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { FLASH_MS } from '../../lib/flash';
import { forgetLaunchAnswers, setLaunchAnswer } from '../../lib/launch';
import { feedback, renderAt, session, summary, themes } from '../../test/fixtures';
import { HomeScreen } from '../HomeScreen';
import { SessionScreen } from '../SessionScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [
  { path: '/', element: <HomeScreen /> },
  { path: '/sessions/:id', element: <SessionScreen /> },
];

const counts = { projects: 2, sessions: 5, feedback: 40, feedbackToday: 7, needsResponse: 3 };

describe('home', () => {
  it('shows counts, today and recent sessions', async () => {
    vi.mocked(backend.getHome).mockResolvedValue({
      today: [summary({ id: 'today-1', title: 'Library drop-in' })],
      recent: [summary({ id: 'r1', title: 'Steering group' })],
      counts,
    });
    renderAt('/', routes);
    expect(await screen.findByRole('heading', { level: 1, name: 'Home' })).toBeInTheDocument();
    expect(await screen.findByTestId('count-feedbackToday')).toHaveTextContent('7');
    expect(screen.getByTestId('count-needsResponse')).toHaveTextContent('3');
    expect(screen.getByRole('link', { name: 'Library drop-in' })).toHaveAttribute('href', '/sessions/today-1');
    expect(screen.getByRole('link', { name: 'Steering group' })).toHaveAttribute('href', '/sessions/r1');
    expect(screen.getByRole('button', { name: 'New session' })).toBeInTheDocument();
  });

  it('draws the launch answer that has arrived in its first render, with no "Loading…" before it', async () => {
    const home = { today: [], recent: [summary({ id: 'r1', title: 'Steering group' })], counts };
    vi.mocked(backend.getHome).mockResolvedValue(home);
    setLaunchAnswer('home', Promise.resolve(home));
    await act(async () => {}); // the answer arrives
    renderAt('/', routes);
    // synchronously after the first render: no wait for an answer
    expect(screen.getByTestId('count-feedbackToday')).toHaveTextContent('7');
    expect(screen.queryByText('Loading…')).toBeNull();
    await waitFor(() => expect(screen.getByRole('link', { name: 'Steering group' })).toBeInTheDocument());
    expect(backend.getHome).not.toHaveBeenCalled(); // the launch answer was taken, not asked again
    forgetLaunchAnswers();
  });

  it('Quick feedback opens quick capture for the session running now', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getHome).mockResolvedValue({
      today: [summary({ id: 'early', startTime: '00:00' }), summary({ id: 'later', startTime: '00:01' }), summary({ id: 'future', startTime: '23:59' })],
      recent: [],
      counts,
    });
    renderAt('/', routes);
    await screen.findByTestId('today-sessions');
    await user.click(screen.getByRole('button', { name: 'Quick feedback' }));
    // 00:01 has started (unless the test runs in the first minute of the day)
    expect(screen.getByTestId('location').textContent).toMatch(/^\/sessions\/(later|early)\/quick$/);
  });

  it('Quick feedback asks for a session when there is none today', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getHome).mockResolvedValue({ today: [], recent: [], counts });
    renderAt('/', routes);
    await screen.findByTestId('home-counts');
    await user.click(screen.getByRole('button', { name: 'Quick feedback' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/quick');
  });
});

describe('soft delete with undo', () => {
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session());
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
  });

  it('deleting feedback shows "Feedback deleted. Undo"; Undo restores it', async () => {
    const user = userEvent.setup();
    const items = [feedback({ id: 'fa', text: 'First card' }), feedback({ id: 'fb', text: 'Second card', createdAt: '2026-03-01T11:00:00.000Z' })];
    vi.mocked(backend.listFeedback).mockResolvedValue(items);
    vi.mocked(backend.deleteFeedback).mockResolvedValue(undefined);
    vi.mocked(backend.restoreFeedback).mockResolvedValue(items[0]);
    renderAt('/sessions/s1', routes);

    const list = await screen.findByRole('list', { name: 'Feedback for this session' });
    const cards = within(list).getAllByTestId('feedback-item');
    expect(cards[0]).toHaveTextContent('Second card'); // newest first
    // the accessible name says which feedback (WCAG 2.4.6); the Edit link too
    expect(within(cards[1]).getByRole('link', { name: 'Edit the feedback “First card”' })).toBeInTheDocument();
    await user.click(within(cards[1]).getByRole('button', { name: 'Delete the feedback “First card”' }));
    expect(backend.deleteFeedback).toHaveBeenCalledWith('fa');
    await waitFor(() => expect(screen.queryByText('First card')).toBeNull());
    const banner = await screen.findByTestId('flash');
    expect(banner).toHaveTextContent('Feedback deleted.');

    vi.mocked(backend.listFeedback).mockResolvedValue(items);
    await user.click(within(banner).getByRole('button', { name: 'Undo' }));
    expect(backend.restoreFeedback).toHaveBeenCalledWith('fa');
    expect(await screen.findByText('First card')).toBeInTheDocument();
    expect(await screen.findByText('Feedback restored.')).toBeInTheDocument();
  });

  it('the undo banner follows you to the next screen and goes after about 10 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      vi.mocked(backend.listFeedback).mockResolvedValue([]);
      vi.mocked(backend.deleteSession).mockResolvedValue(undefined);
      vi.mocked(backend.getHome).mockResolvedValue({ today: [], recent: [], counts });
      renderAt('/sessions/s1', routes);
      const actions = await screen.findByTestId('session-actions');
      await user.click(within(actions).getByRole('button', { name: 'Delete the session “Market stall, Brixton”' }));
      expect(backend.deleteSession).toHaveBeenCalledWith('s1');
      await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
      expect(screen.getByTestId('flash')).toHaveTextContent('deleted.');
      expect(within(screen.getByTestId('flash')).getByRole('button', { name: 'Undo' })).toBeInTheDocument();
      await act(async () => {
        await vi.advanceTimersByTimeAsync(FLASH_MS + 100);
      });
      expect(screen.queryByTestId('flash')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('Undo after deleting a session restores it and opens it again', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listFeedback).mockResolvedValue([]);
    vi.mocked(backend.deleteSession).mockResolvedValue(undefined);
    vi.mocked(backend.restoreSession).mockResolvedValue(session());
    vi.mocked(backend.getHome).mockResolvedValue({ today: [], recent: [], counts });
    renderAt('/sessions/s1', routes);
    await user.click(within(await screen.findByTestId('session-actions')).getByRole('button', { name: /^Delete the session “/ }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
    await user.click(within(screen.getByTestId('flash')).getByRole('button', { name: 'Undo' }));
    expect(backend.restoreSession).toHaveBeenCalledWith('s1');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sessions/s1'));
  });

  it('highlights the feedback item a search result points to', async () => {
    vi.mocked(backend.listFeedback).mockResolvedValue([feedback({ id: 'fx', text: 'Found it' }), feedback({ id: 'fy', text: 'Other' })]);
    renderAt('/sessions/s1?feedback=fx', routes);
    const item = await screen.findByText('Found it');
    const card = item.closest('[data-testid="feedback-item"]');
    expect(card).toHaveClass('app-highlight');
    await waitFor(() => expect(card).toHaveFocus());
  });
});
