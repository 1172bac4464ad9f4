// Quick capture for a session with question sets: the questions inline after the
// comment, typed with the keyboard only (number keys, O, P, Enter), show-if live, one
// createFeedbackWithAnswers call per card, required questions and Go's errors on
// answers shown on their question, and axe.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../lib/backend';
import type { FeedbackInput } from '../../lib/types';
import { feedback, renderAt, session, themes } from '../../test/fixtures';
import { everyType, SET_ID, sessionQuestions } from '../../test/questionFixtures';
import { expectAxeClean } from '../../test/axe';
import { QuickCaptureScreen } from '../QuickCaptureScreen';

vi.mock('../../lib/backend', () => import('../../test/backendMock'));

const routes = [{ path: '/sessions/:id/quick', element: <QuickCaptureScreen /> }];

async function open() {
  const view = renderAt('/sessions/s1/quick', routes);
  const comment = await screen.findByRole('textbox', { name: /^Comment/ });
  await waitFor(() => expect(comment).toHaveFocus());
  return { view, comment };
}

const base = {
  sessionId: 's1',
  rating: null,
  themes: [],
  source: 'comment_card',
  quoteConsent: false,
  needsResponse: false,
  ageBand: '',
  ethnicGroup: '',
  borough: '',
};

describe('quick capture with question sets', { timeout: 30000 }, () => {
  beforeEach(() => {
    vi.mocked(backend.getSession).mockResolvedValue(session());
    vi.mocked(backend.listThemes).mockResolvedValue(themes);
    vi.mocked(backend.getSessionQuestions).mockResolvedValue(sessionQuestions({ sets: [{ set: everyType, translations: [] }] }));
    vi.mocked(backend.createFeedback).mockReset();
    vi.mocked(backend.createFeedbackWithAnswers).mockReset();
    let n = 0;
    vi.mocked(backend.createFeedbackWithAnswers).mockImplementation(async (input: FeedbackInput) => {
      n += 1;
      return feedback({ ...input, id: `saved-${n}` });
    });
  });

  it('types two paper forms with the keyboard only: number keys, O, P and Enter', async () => {
    const user = userEvent.setup();
    const { view, comment } = await open();
    expect(backend.getSessionQuestions).toHaveBeenCalledWith('s1');
    expect(screen.getByTestId('quick-question-keys')).toHaveTextContent('1 to 9 choose the answer with that number');
    expect(screen.getByRole('radio', { name: /^Car/ })).toHaveAttribute('aria-keyshortcuts', '2');
    await expectAxeClean(view.container);

    // Form one: every question answered.
    await user.type(comment, 'Paper form one{Enter}');
    const visit = screen.getByRole('textbox', { name: /Why did you come today/ });
    expect(visit).toHaveFocus();
    await user.keyboard('Check-up{Enter}');
    expect(screen.getByRole('radio', { name: /^Bus/ })).toHaveFocus();
    await user.keyboard('2'); // Car: the parking question appears
    expect(screen.getByRole('radio', { name: /^Car/ })).toBeChecked();
    expect(screen.getByRole('textbox', { name: /Was parking easy/ })).toBeInTheDocument();
    await user.keyboard('1'); // Bus: it goes
    expect(screen.queryByRole('textbox', { name: /Was parking easy/ })).toBeNull();
    await user.keyboard('2{Enter}');
    expect(screen.getByRole('textbox', { name: /Was parking easy/ })).toHaveFocus();
    await user.keyboard('Easy{Enter}');
    expect(screen.getByRole('checkbox', { name: /^Evening clinics/ })).toHaveFocus();
    await user.keyboard('13{Enter}'); // evening, interpreter
    await user.keyboard('2{Enter}'); // No
    await user.keyboard('5{Enter}'); // Very
    await user.keyboard('314'); // garden then app; a third pick is refused
    expect(screen.getByRole('checkbox', { name: /^A garden/ })).toHaveAccessibleName(/choice 1/);
    expect(screen.getByRole('checkbox', { name: /^A shuttle bus/ })).not.toBeChecked();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: /How old are you/ })).toHaveFocus();
    await user.keyboard('67{Enter}'); // the last question: saves

    await waitFor(() => expect(backend.createFeedbackWithAnswers).toHaveBeenCalledTimes(1));
    expect(backend.createFeedback).not.toHaveBeenCalled();
    expect(vi.mocked(backend.createFeedbackWithAnswers).mock.calls[0]).toEqual([
      { ...base, text: 'Paper form one', answered: true },
      [
        {
          questionSetId: SET_ID,
          language: 'en',
          answers: [
            { q: 'visit', text: 'Check-up' },
            { q: 'travel', choices: ['car'] },
            { q: 'parking', text: 'Easy' },
            { q: 'needs', choices: ['evening', 'interpreter'] },
            { q: 'again', choices: ['no'] },
            { q: 'welcome', choices: ['v5'] },
            { q: 'ideas', choices: ['garden', 'app'] },
            { q: 'age', number: 67 },
          ],
        },
      ],
    ]);
    // Cleared for the next form, focus back in the comment.
    await waitFor(() => expect(comment).toHaveValue(''));
    expect(comment).toHaveFocus();
    expect(screen.getByRole('textbox', { name: /Why did you come today/ })).toHaveValue('');
    expect(screen.queryByRole('textbox', { name: /Was parking easy/ })).toBeNull();
    expect(screen.getByRole('radio', { name: /^Car/ })).not.toBeChecked();

    // Form two: no comment; Other with its words, Prefer not to say, the rest left blank.
    await user.keyboard('{Enter}{Enter}');
    expect(screen.getByRole('radio', { name: /^Bus/ })).toHaveFocus();
    await user.keyboard('o');
    expect(screen.getByRole('textbox', { name: 'Please tell us' })).toHaveFocus();
    await user.keyboard('Tram{Enter}');
    expect(screen.getByRole('checkbox', { name: /^Evening clinics/ })).toHaveFocus();
    await user.keyboard('p');
    expect(document.getElementById('qc0-needs-prefer')).toBeChecked();
    await user.keyboard('{Enter}{Enter}{Enter}{Enter}{Enter}');
    await waitFor(() => expect(backend.createFeedbackWithAnswers).toHaveBeenCalledTimes(2));
    expect(vi.mocked(backend.createFeedbackWithAnswers).mock.calls[1]).toEqual([
      { ...base, text: '', answered: true },
      [{ questionSetId: SET_ID, language: 'en', answers: [{ q: 'travel', choices: ['other'], text: 'Tram' }, { q: 'needs', preferNot: true }] }],
    ]);
    await waitFor(() => expect(screen.getByTestId('quick-count')).toHaveTextContent('2 now'));
    expect(within(screen.getByRole('list', { name: 'Last saved cards' })).getByText('Answers only, no comment')).toBeInTheDocument();
  });

  it('a required question left blank is not sent; Go\'s errors on answers go on their question', async () => {
    const user = userEvent.setup();
    const { view, comment } = await open();
    await user.type(comment, 'Half a form{Enter}');
    await user.keyboard('{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}{Enter}');
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('“How did you travel here?” needs an answer');
    expect(within(summary).getByRole('link', { name: /How did you travel here/ })).toHaveAttribute('href', '#qc0-travel');
    expect(backend.createFeedbackWithAnswers).not.toHaveBeenCalled();
    await expectAxeClean(view.container);

    await user.click(within(summary).getByRole('link', { name: /How did you travel here/ }));
    expect(screen.getByRole('radio', { name: /^Bus/ })).toHaveFocus();
    await user.keyboard('1');
    vi.mocked(backend.createFeedbackWithAnswers).mockRejectedValueOnce({
      code: 'invalid',
      message: 'There is a problem with the answers',
      fields: [{ field: 'responses.0.answers.travel', message: 'Question 2: the answer bus is not one of its choices' }],
    });
    await user.click(screen.getByRole('button', { name: 'Save feedback' }));
    await waitFor(() => expect(screen.getByTestId('error-summary')).toHaveTextContent('the answer bus is not one of its choices'));
    expect(document.getElementById('qc0-travel-error')).toHaveTextContent('the answer bus is not one of its choices');
    expect(comment).toHaveValue('Half a form'); // kept
  });

  it('still takes cards when the questions cannot be loaded, and says so', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getSessionQuestions).mockRejectedValue({ code: 'internal', message: 'Not built yet.' });
    vi.mocked(backend.createFeedback).mockImplementation(async (input: FeedbackInput) => feedback({ ...input, id: 'plain' }));
    const { comment } = await open();
    expect(screen.getByTestId('quick-questions-problem')).toHaveTextContent('The session’s questions could not be loaded (Not built yet.)');
    await user.type(comment, 'Plain card{Enter}');
    await waitFor(() => expect(backend.createFeedback).toHaveBeenCalledTimes(1));
    expect(backend.createFeedbackWithAnswers).not.toHaveBeenCalled();
  });

  it('hides the rating when the session does not ask the Friends and Family Test', async () => {
    vi.mocked(backend.getSessionQuestions).mockResolvedValue(sessionQuestions({ fft: false, sets: [{ set: everyType, translations: [] }] }));
    await open();
    expect(screen.queryByRole('group', { name: 'Rating' })).toBeNull();
  });
});
