import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import { feedback, renderAt, session, themes } from '../../test/fixtures';
import { FeedbackEditScreen } from '../FeedbackEditScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [
  { path: '/sessions/:id/feedback/new', element: <FeedbackEditScreen /> },
  { path: '/sessions/:id/feedback/:feedbackId/edit', element: <FeedbackEditScreen /> },
];

describe('feedback form', () => {
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session());
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
  });

  it('shows Go field errors in the summary and beside the fields', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createFeedback).mockRejectedValue({
      code: 'invalid',
      message: 'Check the feedback',
      fields: [
        { field: 'text', message: 'Enter the feedback' },
        { field: 'rating', message: "Select a rating from Very good to Very poor, or Don't know" },
        { field: 'ageBand', message: 'Select an age band from the list' },
        { field: 'sessionId', message: 'Select the session this feedback came from' },
      ],
    });
    renderAt('/sessions/s1/feedback/new', routes);
    await user.click(await screen.findByRole('button', { name: 'Save feedback' }));
    const summary = await screen.findByTestId('error-summary');
    await waitFor(() => expect(summary).toHaveFocus());
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#text', '#rating', '#ageBand']);
    // An error about a field this form does not show is listed without a link.
    expect(within(summary).getByText('Select the session this feedback came from').closest('a')).toBeNull();

    const text = screen.getByLabelText(/What did they say/);
    expect(text.closest('.nhsuk-form-group')).toHaveClass('nhsuk-form-group--error');
    expect(within(screen.getByRole('group', { name: /how was their experience/ })).getByText(/Select a rating/)).toBeInTheDocument();

    // The age band sits in a closed "About the person" section: it opens to show the error.
    const age = screen.getByLabelText('Age band');
    expect(age.closest('details')).toHaveAttribute('open');
    await user.click(links[2]);
    expect(age).toHaveFocus();
    await user.click(links[0]);
    expect(text).toHaveFocus();
  });

  it('saves text, rating, themes, source and flags', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.createFeedback).mockResolvedValue(feedback({ id: 'fb-new' }));
    renderAt('/sessions/s1/feedback/new', routes);
    await user.type(await screen.findByLabelText(/What did they say/), 'The bus stop is far away');
    await user.click(screen.getByRole('radio', { name: 'Poor' }));
    await user.click(screen.getByRole('checkbox', { name: 'Access' }));
    await user.click(screen.getByRole('checkbox', { name: 'Waiting times' }));
    // Archived themes are not offered for new feedback.
    expect(screen.queryByRole('checkbox', { name: /Old theme/ })).toBeNull();
    await user.selectOptions(screen.getByLabelText('Source'), 'conversation');
    await user.click(screen.getByRole('checkbox', { name: 'They agreed we can quote them' }));
    await user.click(screen.getByRole('checkbox', { name: 'This needs a response' }));
    await user.click(screen.getByRole('button', { name: 'Save feedback' }));
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalledTimes(1));
    expect(vi.mocked(backend.createFeedback).mock.calls[0][0]).toEqual({
      sessionId: 's1',
      text: 'The bus stop is far away',
      rating: 2,
      themes: ['t-access', 't-wait'],
      source: 'conversation',
      quoteConsent: true,
      needsResponse: true,
      ageBand: '',
      ethnicGroup: '',
      borough: '',
      answered: false,
    });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/sessions/s1?feedback=fb-new'));
  });

  it("keeps Don't know (0) apart from not given (null)", async () => {
    const user = userEvent.setup();
    vi.mocked(backend.listFeedback).mockResolvedValue([feedback({ id: 'f-old', rating: null, themes: ['t-old'] })]);
    vi.mocked(backend.updateFeedback).mockResolvedValue(feedback({ id: 'f-old' }));
    renderAt('/sessions/s1/feedback/f-old/edit', routes);
    expect(await screen.findByRole('radio', { name: 'Not given' })).toBeChecked();
    // An archived theme already on the item stays visible and ticked.
    expect(screen.getByRole('checkbox', { name: 'Old theme (archived)' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: "Don't know" }));
    await user.click(screen.getByRole('button', { name: 'Save feedback' }));
    await waitFor(() => expect(backend.updateFeedback).toHaveBeenCalled());
    // The input as loaded, then as edited: Go writes only the fields that differ.
    expect(vi.mocked(backend.updateFeedback).mock.calls[0][1]).toMatchObject({ rating: null, themes: ['t-old'] });
    expect(vi.mocked(backend.updateFeedback).mock.calls[0][2]).toMatchObject({ rating: 0, themes: ['t-old'] });
  });
});
