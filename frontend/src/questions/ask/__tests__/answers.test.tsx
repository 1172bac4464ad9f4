// The answer helpers (answers.ts) and AskQuestion on its own: every type drawn, in
// English and right to left, clean under axe; the props the builder's preview uses.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import type { Answer } from '../../../lib/questions';
import { everyType, everyTypeArabic, SET_ID, SET2_ID, shortSet } from '../../../test/questionFixtures';
import { expectAxeClean } from '../../../test/axe';
import { AskQuestion } from '../AskQuestion';
import { answerByKey, answerErrors, cleanAnswers, parseNumber, translationFor, withAnswer } from '../answers';

const q = (id: string) => everyType.questions.find((x) => x.id === id)!;

describe('answers', () => {
  it('drops the answer to a question the show-if rule hides, and keeps the set\'s order', () => {
    let a: Answer[] = [];
    a = withAnswer(everyType, a, 'age', { q: 'age', number: 30, text: '30' });
    a = withAnswer(everyType, a, 'travel', { q: 'travel', choices: ['car'] });
    a = withAnswer(everyType, a, 'parking', { q: 'parking', text: 'Full' });
    expect(a.map((x) => x.q)).toEqual(['travel', 'parking', 'age']);
    a = withAnswer(everyType, a, 'travel', { q: 'travel', choices: ['bus'] });
    expect(a.map((x) => x.q)).toEqual(['travel', 'age']);
    a = withAnswer(everyType, a, 'age', undefined);
    expect(a.map((x) => x.q)).toEqual(['travel']);
  });

  it('cleans answers as Go takes them', () => {
    const answers: Answer[] = [
      { q: 'visit', text: '  hello  ' },
      { q: 'travel', choices: ['bus'], text: 'left over' },
      { q: 'needs', choices: ['video', 'other'], text: ' x ' },
      { q: 'age', number: 12, text: '12' },
      { q: 'welcome', choices: [] },
      { q: 'again', preferNot: true, choices: ['yes'] },
    ];
    expect(cleanAnswers(everyType, answers)).toEqual([
      { q: 'visit', text: 'hello' },
      { q: 'travel', choices: ['bus'] },
      { q: 'needs', choices: ['video', 'other'], text: 'x' },
      { q: 'again', preferNot: true },
      { q: 'age', number: 12 },
    ]);
    expect(parseNumber('2,5')).toBe(2.5);
    expect(parseNumber('-3')).toBe(-3);
    expect(parseNumber('12a')).toBeNaN();
  });

  it('number keys pick choices; O and P; ranking stops at its number', () => {
    expect(answerByKey(q('travel'), undefined, '2')).toEqual({ answer: { q: 'travel', choices: ['car'] } });
    expect(answerByKey(q('travel'), undefined, '9')).toBeNull();
    expect(answerByKey(q('travel'), undefined, 'o')).toEqual({ answer: { q: 'travel', choices: ['other'] }, toOther: true });
    expect(answerByKey(q('visit'), undefined, '1')).toBeNull();
    const multi = answerByKey(q('needs'), { q: 'needs', choices: ['evening'] }, '1');
    expect(multi).toEqual({ answer: undefined });
    expect(answerByKey(q('needs'), { q: 'needs', choices: ['evening'] }, 'P')).toEqual({ answer: { q: 'needs', preferNot: true } });
    const full = { q: 'ideas', choices: ['garden', 'app'] };
    expect(answerByKey(q('ideas'), full, '4')).toEqual({ answer: full });
    expect(answerByKey(q('ideas'), full, '3')).toEqual({ answer: { q: 'ideas', choices: ['app'] } });
  });

  it('puts Go\'s errors back on their set and question', () => {
    const sent = [
      { questionSetId: SET_ID, language: 'en', answers: [{ q: 'travel', choices: ['bus'] }] },
      { questionSetId: SET2_ID, language: 'en', answers: [{ q: 'room', choices: ['yes'] }] },
    ];
    const sets = [everyType, shortSet];
    expect(
      answerErrors(
        [
          { field: 'responses.1.answers.room', message: 'a' },
          { field: 'responses.0.answers.0', message: 'b' },
          { field: 'answers.age', message: 'c' },
          { field: 'responses.1', message: 'd' },
          { field: 'text', message: 'not about answers' },
        ],
        sent,
        sets,
      ),
    ).toEqual([
      { set: 1, q: 'room', message: 'a' },
      { set: 0, q: 'travel', message: 'b' },
      { set: 0, q: 'age', message: 'c' },
      { set: 1, q: 'room', message: 'd' },
    ]);
  });

  it('picks the newest translation of a language', () => {
    const older = { ...everyTypeArabic, id: 'x', updatedAt: '2026-01-01T00:00:00.000Z', texts: {} };
    expect(translationFor([older, everyTypeArabic], 'ar')).toBe(everyTypeArabic);
    expect(translationFor([everyTypeArabic], 'en')).toBeUndefined();
  });
});

function Harness({ rtl, large }: { rtl?: boolean; large?: boolean }) {
  const [answers, setAnswers] = useState<Record<string, Answer | undefined>>({});
  return (
    <form>
      {everyType.questions.map((question) => (
        <AskQuestion
          key={question.id}
          set={everyType}
          translation={rtl ? everyTypeArabic : undefined}
          question={question}
          answer={answers[question.id]}
          onChange={(a) => setAnswers((old) => ({ ...old, [question.id]: a }))}
          idPrefix="p"
          large={large && question.id === 'visit'}
          error={question.id === 'age' ? 'Enter a number from 0 to 120' : undefined}
        />
      ))}
    </form>
  );
}

describe('AskQuestion', () => {
  it('draws every type with its help, Other and Prefer not to say, clean under axe', async () => {
    const user = userEvent.setup();
    const view = render(<Harness />);
    expect(screen.getByRole('textbox', { name: 'Why did you come today?' })).toHaveAccessibleDescription('A few words is fine.');
    expect(screen.getByRole('group', { name: 'How did you travel here?' })).toBeInTheDocument();
    expect(within(screen.getByTestId('ask-again')).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['yes', 'no', 'not_sure']);
    expect(screen.getByRole('textbox', { name: 'How old are you?' })).toHaveAccessibleDescription(/Enter a number from 0 to 120\. Error: Enter a number from 0 to 120/);
    await user.click(screen.getByRole('radio', { name: 'Other, please say' }));
    expect(screen.getByRole('textbox', { name: 'Please tell us' })).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'A café' }));
    expect(screen.getByTestId('ask-ideas')).toHaveTextContent('Your choices in order: 1. A café');
    await expectAxeClean(view.container);
  });

  it('in Arabic: lang and dir on each question, English words marked as English', async () => {
    const view = render(<Harness rtl large />);
    const visit = screen.getByTestId('ask-visit');
    expect(visit).toHaveAttribute('lang', 'ar');
    expect(visit).toHaveAttribute('dir', 'rtl');
    expect(screen.getByRole('heading', { level: 1, name: 'لماذا أتيت اليوم؟' })).toBeInTheDocument();
    expect(within(screen.getByTestId('ask-ideas')).getByText('A café')).toHaveAttribute('lang', 'en');
    await expectAxeClean(view.container);
  });
});
