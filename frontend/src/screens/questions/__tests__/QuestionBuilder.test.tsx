import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { everyTypeSet, view } from '../../../test/questionBuilderFixtures';
import { QuestionSetScreen } from '../QuestionSetScreen';
import type { QuestionSet } from '../../../lib/questions';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const routes = [
  { path: '/question-sets/new', element: <QuestionSetScreen /> },
  { path: '/question-sets/:id', element: <QuestionSetScreen /> },
];

const editors = () => screen.getAllByTestId('question-editor');
const editor = (i: number) => editors()[i];

async function setType(user: UserEvent, i: number, label: string) {
  await user.selectOptions(within(editor(i)).getByLabelText('Type of question'), label);
}
async function typeText(user: UserEvent, i: number, text: string) {
  const box = within(editor(i)).getByLabelText('Question');
  await user.clear(box);
  await user.type(box, text);
}
async function typeChoices(user: UserEvent, i: number, labels: string[]) {
  for (let j = 0; j < labels.length; j++) {
    const name = new RegExp(`^(Choice|Point) ${j + 1}$`);
    if (!within(editor(i)).queryByLabelText(name)) await user.click(within(editor(i)).getByRole('button', { name: /^Add a (choice|point)/ }));
    const box = within(editor(i)).getByLabelText(name);
    await user.clear(box);
    await user.type(box, labels[j]);
  }
}
async function addQuestion(user: UserEvent) {
  await user.click(screen.getByRole('button', { name: 'Add a question' }));
}

describe('question set builder', () => {
  beforeEach(() => {
    vi.mocked(backend.createQuestionSet).mockImplementation((s: QuestionSet) => Promise.resolve({ ...s, id: 'new1' }));
    vi.mocked(backend.getQuestionSet).mockResolvedValue(view());
  });

  // The longest screen test: every type typed key by key (90 s under a loaded CI machine;
  // about 9 s alone).
  it('builds a set with every type of question, codes made from the words, and a show-if', { timeout: 90_000 }, async () => {
    const user = userEvent.setup({ delay: null });
    const { container } = renderAt('/question-sets/new', routes);
    await user.type(screen.getByLabelText(/Name of the question set/), 'Clinic times');
    await user.type(screen.getByLabelText(/What your answers will help us decide/), 'Which clinic times to offer.');

    // 1: free text
    await setType(user, 0, 'Free text');
    await typeText(user, 0, 'What works well?');
    await user.click(within(editor(0)).getByLabelText('People must answer this question'));
    // 2: choose one, with Other and Prefer not to say
    await addQuestion(user);
    expect(within(editor(1)).getByLabelText('Question')).toHaveFocus();
    await typeText(user, 1, 'Which clinic do you use?');
    await typeChoices(user, 1, ['North Clinic', 'South', 'South']);
    await user.click(within(editor(1)).getByLabelText('Offer “Other, please say”'));
    await user.click(within(editor(1)).getByLabelText('Offer “Prefer not to say”'));
    // 3: choose all that apply
    await addQuestion(user);
    await setType(user, 2, 'Choose all that apply');
    await typeText(user, 2, 'When could you come?');
    await typeChoices(user, 2, ['Mornings', 'Evenings']);
    // 4: yes / no, shown only if question 2 is "North Clinic"
    await addQuestion(user);
    await setType(user, 3, 'Yes, no or not sure');
    await typeText(user, 3, 'Would you use video?');
    const when = within(editor(3)).getByLabelText(/When to ask it/);
    // Only earlier choice questions can decide (not free text).
    expect(within(when).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Always',
      'Only if the answer to question 2 is …',
      'Only if the answer to question 3 is …',
    ]);
    await user.selectOptions(when, 'q2');
    const showIf = within(editor(3)).getByRole('group', { name: /Show this question only if the answer to question 2 is/ });
    await user.click(within(showIf).getByLabelText('North Clinic'));
    // 5: a scale with faces
    await addQuestion(user);
    await setType(user, 4, 'Agreement or rating scale');
    await typeText(user, 4, 'The clinic is easy to reach');
    expect(within(editor(4)).getAllByLabelText(/^Point \d$/)).toHaveLength(5);
    await user.click(within(editor(4)).getByLabelText('Show faces beside the points'));
    // 6: ranking, pick 2
    await addQuestion(user);
    await setType(user, 5, 'Pick your top choices, in order');
    await typeText(user, 5, 'Pick your top two');
    await typeChoices(user, 5, ['Parking', 'Buses', 'Ramps']);
    await user.selectOptions(within(editor(5)).getByLabelText('How many to pick'), '2');
    // 7: number from 0 to 50
    await addQuestion(user);
    await setType(user, 6, 'Number');
    await typeText(user, 6, 'How many visits?');
    await user.type(within(editor(6)).getByLabelText(/Smallest number/), '0');
    await user.type(within(editor(6)).getByLabelText(/Largest number/), '50');

    // The preview shows every question, numbered in order.
    const preview = screen.getByTestId('builder-preview');
    expect(within(preview).getAllByTestId('paper-question')).toHaveLength(7);
    expect(within(preview).getAllByTestId('paper-question')[3]).toHaveTextContent('Answer this only if you answered “North Clinic” to question 2.');
    await expectAxeClean(container);

    await user.click(screen.getByRole('button', { name: 'Save question set' }));
    await waitFor(() => expect(backend.createQuestionSet).toHaveBeenCalledTimes(1));
    const saved = vi.mocked(backend.createQuestionSet).mock.calls[0][0];
    expect(saved.name).toBe('Clinic times');
    expect(saved.questions.map((q) => [q.id, q.type])).toEqual([
      ['q1', 'text'],
      ['q2', 'single'],
      ['q3', 'multiple'],
      ['q4', 'yes_no'],
      ['q5', 'scale'],
      ['q6', 'ranking'],
      ['q7', 'number'],
    ]);
    expect(saved.questions[0].required).toBe(true);
    expect(saved.questions[1].choices).toEqual([
      { code: 'north_clinic', label: 'North Clinic' },
      { code: 'south', label: 'South' },
      { code: 'south_2', label: 'South' },
    ]);
    expect(saved.questions[1]).toMatchObject({ other: true, preferNot: true });
    expect(saved.questions[3].choices.map((c) => c.code)).toEqual(['yes', 'no', 'not_sure']);
    expect(saved.questions[3].showIf).toEqual({ question: 'q2', answers: ['north_clinic'] });
    expect(saved.questions[4]).toMatchObject({ faces: true });
    expect(saved.questions[4].choices.map((c) => c.code)).toEqual(['strongly_disagree', 'disagree', 'neither_agree_nor_disagree', 'agree', 'strongly_agree']);
    expect(saved.questions[5]).toMatchObject({ pick: 2 });
    expect(saved.questions[6]).toMatchObject({ min: 0, max: 50, choices: [] });
    // the page opens once the save has answered: wait for it, not just for the element
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/question-sets/new1'));
  });

  it('moves and removes questions with buttons, keeping focus on the moved question', async () => {
    const user = userEvent.setup();
    renderAt('/question-sets/set1', routes);
    await screen.findByText('Question 7');
    const q1 = within(editor(0)).getByRole('button', { name: 'Move down question 1' });
    await user.click(q1);
    expect(editors().map((e) => within(e).getByLabelText('Question')).map((b) => (b as HTMLTextAreaElement).value).slice(0, 2)).toEqual([
      'Which clinic do you use?',
      'What works well?',
    ]);
    expect(within(editor(1)).getByRole('button', { name: 'Move down question 2' })).toHaveFocus();
    await user.click(within(editor(6)).getByRole('button', { name: 'Remove question 7' }));
    expect(editors()).toHaveLength(6);
    expect(screen.getByRole('heading', { name: /^Question 6/ })).toHaveFocus();
    // Choices move too, with focus following.
    await user.click(within(editor(0)).getByRole('button', { name: 'Move down choice 1' }));
    expect((within(editor(0)).getByLabelText('Choice 1') as HTMLInputElement).value).toBe('South');
    expect(within(editor(0)).getByRole('button', { name: 'Move up choice 2' })).toHaveFocus();
  });

  it('shows Go’s errors in the summary and beside the right field', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.saveQuestionSet).mockRejectedValue({
      code: 'invalid',
      message: 'Check the question set',
      fields: [
        { field: 'name', message: 'Enter a name for the question set' },
        { field: 'questions.1.choices.0.label', message: 'Question 2: enter the words of choice 1' },
        { field: 'questions.2.choices.1.code', message: 'Question 3: two choices have the key mornings' },
        { field: 'questions.3.showIf', message: 'Question 4: choose the answers that show it' },
      ],
    });
    const { container } = renderAt('/question-sets/set1', routes);
    await screen.findByText('Question 7');
    await user.click(screen.getByRole('button', { name: 'Save question set' }));
    const summary = await screen.findByTestId('error-summary');
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['#name', '#questions.1.choices.0.label', '#questions.2.choices.1.code', '#questions.3.showIf']);
    const label = within(editor(1)).getByLabelText('Choice 1');
    expect(label).toHaveAccessibleDescription(/enter the words of choice 1/);
    await user.click(links[1]);
    expect(label).toHaveFocus();
    // A code's error opens "Advanced" so the field can be reached.
    const code = within(editor(2)).getByLabelText(/Key of choice 2/);
    expect(code).toHaveAccessibleDescription(/two choices have the key mornings/);
    await user.click(links[2]);
    expect(code).toHaveFocus();
    expect(within(editor(3)).getByLabelText(/When to ask it/)).toHaveAccessibleDescription(/choose the answers that show it/);
    await expectAxeClean(container);
  });

  it('checks a number question’s bounds before saving', async () => {
    const user = userEvent.setup();
    renderAt('/question-sets/set1', routes);
    await screen.findByText('Question 7');
    const min = within(editor(6)).getByLabelText(/Smallest number/);
    await user.clear(min);
    await user.type(min, 'ten');
    await user.click(screen.getByRole('button', { name: 'Save question set' }));
    const summary = await screen.findByTestId('error-summary');
    expect(summary).toHaveTextContent('Question 7: enter the smallest number as digits, like 10');
    expect(backend.saveQuestionSet).not.toHaveBeenCalled();
  });

  it('tells the person when the save made a new version, and goes to it', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.getQuestionSet).mockResolvedValue(view({ answered: true }));
    vi.mocked(backend.saveQuestionSet).mockImplementation((_id: string, _loaded: QuestionSet, edited: QuestionSet) =>
      Promise.resolve({ set: { ...edited, id: 'set1v2', familyId: 'set1', version: 2 }, newVersion: true }),
    );
    renderAt('/question-sets/set1', routes);
    expect(await screen.findByText(/This version has answers/)).toBeInTheDocument();
    await typeText(user, 0, 'What works best?');
    await user.click(screen.getByRole('button', { name: 'Save question set' }));
    await waitFor(() => expect(backend.saveQuestionSet).toHaveBeenCalled());
    const [id, loaded, edited] = vi.mocked(backend.saveQuestionSet).mock.calls[0];
    expect(id).toBe('set1');
    expect(loaded.questions[0].text).toBe('What works well?');
    expect(edited.questions[0].text).toBe('What works best?');
    expect(
      await screen.findByText(
        'This set already had answers, so your changes were saved as version 2. Answers to earlier versions stay with the questions they answered.',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/question-sets/set1v2'));
  });

  it('shows an older version read-only, with a link to the newest', async () => {
    vi.mocked(backend.getQuestionSet).mockResolvedValue(
      view({
        newest: false,
        versions: [
          { id: 'set1', version: 1, responses: 4, createdAt: '2026-11-01T10:00:00Z' },
          { id: 'set1v2', version: 2, responses: 0, createdAt: '2026-12-01T10:00:00Z' },
        ],
      }),
    );
    const { container } = renderAt('/question-sets/set1', routes);
    expect(await screen.findByRole('link', { name: /Go to the newest version \(version 2\)/ })).toHaveAttribute('href', '/question-sets/set1v2');
    expect(screen.queryByRole('button', { name: 'Save question set' })).toBeNull();
    expect(screen.queryByLabelText('Type of question')).toBeNull();
    expect(screen.getAllByTestId('paper-question')).toHaveLength(7);
    await expectAxeClean(container);
  });

  it('archives a set and brings it back', async () => {
    const user = userEvent.setup();
    vi.mocked(backend.setQuestionSetArchived).mockResolvedValue(everyTypeSet({ archived: true }));
    renderAt('/question-sets/set1', routes);
    await user.click(await screen.findByRole('button', { name: 'Archive this set' }));
    expect(backend.setQuestionSetArchived).toHaveBeenCalledWith('set1', true);
    expect(await screen.findByText('The set is archived. Its answers stay.')).toBeInTheDocument();
  });
});

