import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { FeedbackInput } from '../../lib/types';
import { feedback, renderAt, session, themes } from '../../test/fixtures';
import { QuickCaptureScreen, SOURCE_KEY } from '../QuickCaptureScreen';
import { useEffect } from 'react';
import { useFlash } from '../../lib/flash';

/** Quick capture opened with a banner from the screen before ("Session added."). */
function AfterSessionAdded() {
  const { flash, showMessage } = useFlash();
  useEffect(() => showMessage('Session added.'), [showMessage]);
  return (
    <>
      <p data-testid="banner">{flash?.message ?? ''}</p>
      <QuickCaptureScreen />
    </>
  );
}

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [{ path: '/sessions/:id/quick', element: <QuickCaptureScreen /> }];

function echoCreate() {
  let n = 0;
  vi.mocked(backend.createFeedback).mockImplementation(async (input: FeedbackInput) => {
    n += 1;
    return feedback({ ...input, id: `saved-${n}`, createdAt: `2026-03-01T10:0${n}:00.000Z` });
  });
}

async function open() {
  renderAt('/sessions/s1/quick', routes);
  const comment = await screen.findByRole('textbox', { name: /^Comment/ });
  await waitFor(() => expect(comment).toHaveFocus());
  return comment;
}

describe('quick capture', () => {
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session());
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
    vi.mocked(backend.getSessionQuestions).mockResolvedValue({ sessionId: 's1', fft: true, sets: [] });
  });

  it('starts in the comment box and shows the keys on screen', async () => {
    await open();
    expect(screen.getByTestId('quick-count')).toHaveTextContent('0 in this session, 0 now');
    expect(screen.getByRole('radio', { name: /^Very good/ })).toHaveAttribute('aria-keyshortcuts', 'Alt+5');
    expect(screen.getByRole('checkbox', { name: /^Access/ })).toHaveAttribute('aria-keyshortcuts', 'Alt+A');
    expect(screen.getByRole('checkbox', { name: /^Waiting times/ })).toHaveAttribute('aria-keyshortcuts', 'Alt+W');
    expect(screen.queryByRole('checkbox', { name: /Old theme/ })).toBeNull();
    expect(screen.getByText(/saves the card/)).toBeInTheDocument();
    expect(screen.getByLabelText('Source')).toHaveValue('comment_card');
  });

  it('Enter saves text, rating and themes picked by keys, then clears and refocuses', async () => {
    const user = userEvent.setup();
    echoCreate();
    const comment = await open();

    await user.type(comment, 'Parking is hard');
    await user.keyboard('{Alt>}4{/Alt}'); // Good
    await user.keyboard('{Alt>}a{/Alt}{Alt>}w{/Alt}'); // Access, Waiting times
    expect(screen.getByRole('radio', { name: /^Good/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Access/ })).toBeChecked();
    expect(comment).toHaveValue('Parking is hard'); // the shortcuts typed nothing
    await user.keyboard('{Enter}');

    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalledTimes(1));
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0]).toEqual({
      sessionId: 's1',
      text: 'Parking is hard',
      rating: 4,
      themes: ['t-access', 't-wait'],
      source: 'comment_card',
      quoteConsent: false,
      needsResponse: false,
      ageBand: '',
      ethnicGroup: '',
      borough: '',
      answered: false,
    });

    await waitFor(() => expect(comment).toHaveValue(''));
    expect(comment).toHaveFocus();
    expect(screen.getByRole('radio', { name: /^Good/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Access/ })).not.toBeChecked();
    expect(screen.getByTestId('quick-count')).toHaveTextContent('1 in this session, 1 now');
    const list = screen.getByRole('list', { name: 'Last saved cards' });
    expect(within(list).getByText('Parking is hard')).toBeInTheDocument();
    expect(backend.listFeedback).not.toHaveBeenCalled(); // shown from the create result

    // Next card: newest first in the list, count goes on.
    await user.type(comment, 'Friendly staff');
    await user.keyboard('{Alt>}5{/Alt}{Enter}');
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('2 in this session, 2 now'));
    const items = within(screen.getByRole('list', { name: 'Last saved cards' })).getAllByTestId('strip-item');
    expect(items[0]).toHaveTextContent('Friendly staff');
    expect(items[1]).toHaveTextContent('Parking is hard');
    expect(vi.mocked(backend.createFeedback).mock.calls[1][0]).toMatchObject({ text: 'Friendly staff', rating: 5, themes: [] });
  });

  it('pressing the same rating key again clears it; Alt+0 is Don\'t know', async () => {
    const user = userEvent.setup();
    echoCreate();
    const comment = await open();
    await user.type(comment, 'Not sure');
    await user.keyboard('{Alt>}2{/Alt}{Alt>}2{/Alt}');
    expect(screen.getByRole('radio', { name: /^Poor/ })).not.toBeChecked();
    await user.keyboard('{Alt>}0{/Alt}{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalled());
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0]).toMatchObject({ rating: 0 });
  });

  it('Shift+Enter adds a new line and does not save', async () => {
    const user = userEvent.setup();
    echoCreate();
    const comment = await open();
    await user.type(comment, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(comment).toHaveValue('Line one\nLine two');
    expect(backend.createFeedback).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalled());
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0].text).toBe('Line one\nLine two');
  });

  it('a failed save keeps the card and shows why', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createFeedback).mockRejectedValueOnce({ code: 'internal', message: 'Internal error' });
    const comment = await open();
    await user.type(comment, 'Please keep me');
    await user.keyboard('{Alt>}1{/Alt}{Alt>}c{/Alt}{Enter}');
    expect(await screen.findByText('Internal error')).toBeInTheDocument();
    expect(comment).toHaveValue('Please keep me');
    expect(screen.getByRole('radio', { name: /^Very poor/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Communication/ })).toBeChecked();
    expect(screen.getByTestId('quick-count')).toHaveTextContent('0 in this session, 0 now');
    expect(comment).toHaveFocus();

    // Trying again works and sends the same card.
    echoCreate();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('1 in this session, 1 now'));
    expect(vi.mocked(backend.createFeedback).mock.calls[1][0]).toMatchObject({ text: 'Please keep me', rating: 1, themes: ['t-comm'] });
    expect(screen.queryByText('Internal error')).toBeNull();
  });

  it('shows a Go field error beside the comment', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createFeedback).mockRejectedValueOnce({
      code: 'invalid',
      message: 'Check the feedback',
      fields: [{ field: 'text', message: 'Enter the feedback' }],
    });
    const comment = await open();
    await user.keyboard('{Enter}');
    const summary = await screen.findByTestId('error-summary');
    expect(within(summary).getByRole('link', { name: 'Enter the feedback' })).toHaveAttribute('href', '#text');
    expect(comment.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
  });

  it('remembers the last source used', async () => {
    const user = userEvent.setup();
    echoCreate();
    const comment = await open();
    await user.selectOptions(screen.getByLabelText('Source'), 'post_it');
    await user.type(comment, 'On a post-it{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalled());
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0].source).toBe('post_it');
    expect(window.localStorage.getItem(SOURCE_KEY)).toBe('post_it');
    // The source stays for the next card.
    await waitFor(() => expect(comment).toHaveValue(''));
    expect(screen.getByLabelText('Source')).toHaveValue('post_it');
  });

  it('digits pick the rating while focus is on the rating buttons, and Enter there saves', async () => {
    const user = userEvent.setup();
    echoCreate();
    const comment = await open();
    await user.type(comment, 'Via the radios');
    screen.getByRole('radio', { name: /^Very good/ }).focus();
    await user.keyboard('3');
    expect(screen.getByRole('radio', { name: /^Neither good nor poor/ })).toBeChecked();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalled());
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0]).toMatchObject({ text: 'Via the radios', rating: 3 });
    await waitFor(() => expect(comment).toHaveFocus());
  });

  it('Alt+R and Alt+Q tick "Needs a response" and "Can quote", shown in their labels', async () => {
    const user = userEvent.setup();
    echoCreate();
    const comment = await open();
    const respond = screen.getByRole('checkbox', { name: /^Needs a response/ });
    const quote = screen.getByRole('checkbox', { name: /^Can quote/ });
    expect(respond).toHaveAttribute('aria-keyshortcuts', 'Alt+R');
    expect(quote).toHaveAttribute('aria-keyshortcuts', 'Alt+Q');
    expect(respond.closest('.nhsuk-checkboxes__item')).toHaveTextContent('Alt+R');
    // No theme takes R or Q (the fixtures have none starting with them, but the keys stay reserved).
    for (const box of screen.getAllByRole('checkbox')) {
      if (box !== respond && box !== quote) expect(box.getAttribute('aria-keyshortcuts')).not.toMatch(/Alt\+[RQ]$/);
    }
    await user.type(comment, 'Call me back');
    await user.keyboard('{Alt>}r{/Alt}{Alt>}q{/Alt}');
    expect(respond).toBeChecked();
    expect(quote).toBeChecked();
    expect(comment).toHaveValue('Call me back');
    await user.keyboard('{Alt>}q{/Alt}{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalled());
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0]).toMatchObject({ needsResponse: true, quoteConsent: false });
  });

  it('counts the session\'s cards, not only those saved now', async () => {
    const user = userEvent.setup();
    echoCreate();
    vi.mocked(backend.getSession).mockResolvedValue(session({ feedbackCount: 12 }));
    const comment = await open();
    expect(screen.getByTestId('quick-count')).toHaveTextContent('12 in this session, 0 now');
    await user.type(comment, 'Another card{Enter}');
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('13 in this session, 1 now'));
  });

  it('Undo right after saving deletes the card; Delete in the strip asks first; Change opens the card', async () => {
    const user = userEvent.setup();
    echoCreate();
    vi.mocked(backend.deleteFeedback).mockResolvedValue(undefined);
    const comment = await open();
    await user.type(comment, 'Typo card{Enter}');
    const strip = await screen.findByRole('list', { name: 'Last saved cards' });
    await user.click(within(strip).getByRole('button', { name: /^Undo saving “Typo card”/ }));
    await waitFor(() => expect(backend.deleteFeedback).toHaveBeenCalledWith('saved-1'));
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('0 in this session, 0 now. Card deleted.'));
    expect(comment).toHaveFocus();

    await user.type(comment, 'Keep me{Enter}');
    await user.type(comment, 'Wrong one{Enter}');
    await waitFor(() => expect(screen.getAllByTestId('strip-item')).toHaveLength(2));
    // Typing the next card takes Undo away; Delete still works, after a question.
    await user.type(comment, 'x');
    expect(screen.queryByRole('button', { name: /^Undo/ })).toBeNull();
    const [wrong] = screen.getAllByTestId('strip-item');
    expect(within(wrong).getByRole('link', { name: 'Change “Wrong one”' })).toHaveAttribute('href', '/sessions/s1/feedback/saved-3/edit');
    await user.click(within(wrong).getByRole('button', { name: 'Delete “Wrong one”' }));
    expect(backend.deleteFeedback).toHaveBeenCalledTimes(1);
    expect(within(wrong).getByRole('button', { name: 'Yes, delete “Wrong one”' })).toHaveFocus();
    await user.click(within(wrong).getByRole('button', { name: 'Keep it' }));
    expect(within(wrong).getByRole('button', { name: 'Delete “Wrong one”' })).toHaveFocus();
    await user.click(within(wrong).getByRole('button', { name: 'Delete “Wrong one”' }));
    await user.click(within(wrong).getByRole('button', { name: 'Yes, delete “Wrong one”' }));
    await waitFor(() => expect(backend.deleteFeedback).toHaveBeenLastCalledWith('saved-3'));
    await waitFor(() => expect(screen.getAllByTestId('strip-item')).toHaveLength(1));
    expect(screen.getByTestId('strip-item')).toHaveTextContent('Keep me');
    expect(screen.getByTestId('quick-count')).toHaveTextContent('1 in this session, 1 now');
  });

  it('leaving on a planned session asks "Mark as held?"; Yes saves the status', async () => {
    const user = userEvent.setup();
    const planned = session({ status: 'planned' });
    vi.mocked(backend.getSession).mockResolvedValue(planned);
    vi.mocked(backend.updateSession).mockResolvedValue({ ...planned, status: 'held' });
    renderAt('/sessions/s1/quick', [...routes, { path: '/sessions/:id', element: <p>Session page</p> }]);
    await user.click(await screen.findByRole('link', { name: 'Finish and go back to the session' }));
    const question = await screen.findByTestId('mark-held');
    expect(within(question).getByRole('heading', { name: 'Mark as held?' })).toHaveFocus();
    expect(screen.getByTestId('location')).toHaveTextContent('/sessions/s1/quick');
    await user.click(within(question).getByRole('button', { name: 'Yes, mark as held' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/\/sessions\/s1$/));
    const [id, loadedIn, edited] = vi.mocked(backend.updateSession).mock.calls[0];
    expect(id).toBe('s1');
    expect(loadedIn.status).toBe('planned');
    expect(edited).toEqual({ ...loadedIn, status: 'held' });
  });

  it('"Not now" leaves without changing the status; a held session is never asked', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSession).mockResolvedValue(session({ status: 'planned' }));
    renderAt('/sessions/s1/quick', [...routes, { path: '/sessions/:id', element: <p>Session page</p> }]);
    await user.click(await screen.findByRole('link', { name: 'Back to session' }));
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/\/sessions\/s1$/));
    expect(backend.updateSession).not.toHaveBeenCalled();
  });

  it('a held session leaves at once', async () => {
    const user = userEvent.setup();
    renderAt('/sessions/s1/quick', [...routes, { path: '/sessions/:id', element: <p>Session page</p> }]);
    await user.click(await screen.findByRole('link', { name: 'Back to session' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/\/sessions\/s1$/));
    expect(screen.queryByTestId('mark-held')).toBeNull();
  });

  it('the first card saved puts away the banner from the screen before, so the card stays on one screen', async () => {
    const user = userEvent.setup();
    echoCreate();
    renderAt('/sessions/s1/quick', [{ path: '/sessions/:id/quick', element: <AfterSessionAdded /> }]);
    const comment = await screen.findByRole('textbox', { name: /^Comment/ });
    await waitFor(() => expect(screen.getByTestId('banner')).toHaveTextContent('Session added.'));
    await user.type(comment, 'First card{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId('banner')).toHaveTextContent(''));
    expect(screen.getByTestId('banner').textContent).toBe('');
  });
});
