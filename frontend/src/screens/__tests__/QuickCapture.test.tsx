import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { FeedbackInput } from '../../lib/types';
import { feedback, renderAt, session, themes } from '../../test/fixtures';
import { QuickCaptureScreen, SOURCE_KEY } from '../QuickCaptureScreen';

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
  });

  it('starts in the comment box and shows the keys on screen', async () => {
    await open();
    expect(screen.getByTestId('quick-count')).toHaveTextContent('0 cards saved this session');
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
    });

    await waitFor(() => expect(comment).toHaveValue(''));
    expect(comment).toHaveFocus();
    expect(screen.getByRole('radio', { name: /^Good/ })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^Access/ })).not.toBeChecked();
    expect(screen.getByTestId('quick-count')).toHaveTextContent('1 card saved this session');
    const list = screen.getByRole('list', { name: 'Saved cards' });
    expect(within(list).getByText('Parking is hard')).toBeInTheDocument();
    expect(backend.listFeedback).not.toHaveBeenCalled(); // shown from the create result

    // Next card: newest first in the list, count goes on.
    await user.type(comment, 'Friendly staff');
    await user.keyboard('{Alt>}5{/Alt}{Enter}');
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('2 cards saved this session'));
    const items = within(screen.getByRole('list', { name: 'Saved cards' })).getAllByTestId('feedback-item');
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
    expect(screen.getByTestId('quick-count')).toHaveTextContent('0 cards saved');
    expect(comment).toHaveFocus();

    // Trying again works and sends the same card.
    echoCreate();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('1 card saved'));
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
});
