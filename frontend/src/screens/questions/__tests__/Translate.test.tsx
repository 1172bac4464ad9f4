import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { translation, view } from '../../../test/questionBuilderFixtures';
import { TranslateScreen } from '../TranslateScreen';
import { QuestionSetScreen } from '../QuestionSetScreen';
import type { Translation } from '../../../lib/questions';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const routes = [
  { path: '/question-sets/:id', element: <QuestionSetScreen /> },
  { path: '/question-sets/:id/translate/:lang', element: <TranslateScreen /> },
];

const boxes = () => Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id^="texts."], textarea[id^="texts."]'));

describe('translating a question set', () => {
  beforeEach(() => {
    vi.mocked(backend.getQuestionSet).mockResolvedValue(view({ translations: [translation()] }));
    vi.mocked(backend.saveTranslation).mockImplementation((t: Translation) => Promise.resolve(t));
  });

  it('lists the set’s languages and suggests others', async () => {
    renderAt('/question-sets/set1', routes);
    const langs = await screen.findByTestId('set-languages');
    expect(langs).toHaveTextContent('العربية');
    expect(langs).toHaveTextContent('not reviewed');
    expect(screen.getByRole('link', { name: /Español \(Spanish, es\)/ })).toHaveAttribute('href', '/question-sets/set1/translate/es?name=Espa%C3%B1ol');
    expect(screen.queryByRole('link', { name: /\(Arabic, ar\)/ })).toBeNull();
    expect(screen.getByRole('link', { name: /Easy read/ })).toBeInTheDocument();
  });

  it('shows English beside a box per key, Arabic boxes right to left, and saves', async () => {
    const user = userEvent.setup();
    const { container } = renderAt('/question-sets/set1/translate/ar', routes);
    await screen.findByTestId('translation-editor');
    expect(boxes().map((b) => b.id)).toEqual([
      'texts.name',
      'texts.purpose',
      'texts.q.q1.text',
      'texts.q.q1.help',
      'texts.q.q2.text',
      'texts.q.q2.c.north',
      'texts.q.q2.c.south',
      'texts.q.q2.other',
      'texts.q.q3.text',
      'texts.q.q3.c.mornings',
      'texts.q.q3.c.evenings',
      'texts.q.q4.text',
      'texts.q.q4.c.yes',
      'texts.q.q4.c.no',
      'texts.q.q4.c.not_sure',
      'texts.q.q5.text',
      'texts.q.q5.c.p1',
      'texts.q.q5.c.p2',
      'texts.q.q5.c.p3',
      'texts.q.q5.c.p4',
      'texts.q.q5.c.p5',
      'texts.q.q6.text',
      'texts.q.q6.c.parking',
      'texts.q.q6.c.buses',
      'texts.q.q6.c.ramps',
      'texts.q.q7.text',
    ]);
    for (const b of boxes()) {
      expect(b).toHaveAttribute('lang', 'ar');
      expect(b).toHaveAttribute('dir', 'rtl');
    }
    expect(boxes()[0]).toHaveValue('أوقات العيادة');
    // The English is the box's description.
    expect(document.getElementById('texts.q.q2.text')).toHaveAccessibleDescription('Which clinic do you use?');
    await user.type(document.getElementById('texts.q.q2.c.north')!, 'الشمال');
    await user.click(screen.getByLabelText('Reviewed by someone who reads this language'));
    await expectAxeClean(container);
    await user.click(screen.getByRole('button', { name: 'Save translation' }));
    await waitFor(() => expect(backend.saveTranslation).toHaveBeenCalled());
    const saved = vi.mocked(backend.saveTranslation).mock.calls[0][0];
    expect(saved).toMatchObject({ id: 'tr-ar', of: 'set1', language: 'ar', languageName: 'العربية', reviewed: true });
    expect(saved.texts).toEqual({ name: 'أوقات العيادة', 'q.q1.text': 'ما الذي يعمل جيدا؟', 'q.q2.c.north': 'الشمال' });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/question-sets/set1'));
  });

  it('starts a new language from the suggestion’s name, left to right for Polish', async () => {
    const user = userEvent.setup();
    renderAt('/question-sets/set1/translate/pl?name=Polski', routes);
    await screen.findByTestId('translation-editor');
    expect(screen.getByLabelText(/The language’s name/)).toHaveValue('Polski');
    expect(boxes()[0]).toHaveAttribute('dir', 'ltr');
    await user.type(boxes()[0], 'Godziny przychodni');
    await user.click(screen.getByRole('button', { name: 'Save translation' }));
    await waitFor(() => expect(backend.saveTranslation).toHaveBeenCalled());
    expect(vi.mocked(backend.saveTranslation).mock.calls[0][0]).toMatchObject({
      id: '',
      of: 'set1',
      language: 'pl',
      languageName: 'Polski',
      reviewed: false,
      texts: { name: 'Godziny przychodni' },
    });
  });
});
