import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as backend from '../../../lib/backend';
import { renderAt } from '../../../test/fixtures';
import { expectAxeClean } from '../../../test/axe';
import { everyTypeSet, translation, view } from '../../../test/questionBuilderFixtures';
import { PaperFormScreen } from '../PaperFormScreen';

vi.mock('../../../lib/backend', () => import('../../../test/backendMock'));

const routes = [{ path: '/question-sets/:id/paper', element: <PaperFormScreen /> }];

describe('paper form', () => {
  beforeEach(() => {
    vi.mocked(backend.getQuestionSet).mockResolvedValue(view({ translations: [translation({ texts: { name: 'أوقات العيادة', 'q.q2.c.north': 'الشمال' } })] }));
    vi.mocked(backend.getStallName).mockResolvedValue('Healthwatch stall');
  });

  it('holds every question in the set’s order, with boxes, lines, ranking and show-if', async () => {
    const { container } = renderAt('/question-sets/set1/paper', routes);
    const form = await screen.findByTestId('paper-form');
    expect(form).toHaveAttribute('lang', 'en');
    expect(form).toHaveAttribute('dir', 'ltr');
    const qs = within(form).getAllByTestId('paper-question');
    expect(qs.map((q) => within(q).getByRole('heading').textContent?.replace(/ \(optional\)$/, ''))).toEqual(
      everyTypeSet().questions.map((q, i) => `${i + 1}. ${q.text}`),
    );
    expect(within(form).getByRole('heading', { level: 2 })).toHaveTextContent('Clinic times');
    expect(form).toHaveTextContent('Your answers will help us choose clinic times.');
    expect(qs[1]).toHaveTextContent('Tick one box.');
    expect(qs[1]).toHaveTextContent('Other, please say');
    expect(qs[1]).toHaveTextContent('Prefer not to say');
    expect(qs[2]).toHaveTextContent('Tick all that apply.');
    expect(qs[3]).toHaveTextContent('Answer this only if you answered “North” to question 2.');
    expect(qs[5]).toHaveTextContent('Write 1 in the box beside your first choice, 2 beside your second.');
    expect(qs[6]).toHaveTextContent('Write a number from 0 to 50.');
    expect(await within(form).findByText('Healthwatch stall')).toBeInTheDocument();
    await expectAxeClean(container);
  });

  it('prints in Arabic, right to left, in large print', async () => {
    const user = userEvent.setup();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    window.print = print;
    renderAt('/question-sets/set1/paper?lang=ar&large=1', routes);
    const form = await screen.findByTestId('paper-form');
    expect(form).toHaveAttribute('lang', 'ar');
    expect(form).toHaveAttribute('dir', 'rtl');
    expect(form).toHaveClass('paper-form--large');
    expect(within(form).getByRole('heading', { level: 2 })).toHaveTextContent('أوقات العيادة');
    // Untranslated words fall back to English; the instructions are marked English.
    expect(within(form).getAllByTestId('paper-question')).toHaveLength(7);
    expect(form).toHaveTextContent('الشمال');
    expect(within(form).getAllByText('Tick one box.')[0]).toHaveAttribute('lang', 'en');
    // An untranslated text is English, kept apart from the right-to-left text around it.
    expect(within(form).getByText('Which clinic do you use?')).toHaveAttribute('dir', 'ltr');
    expect(within(form).getByText('Which clinic do you use?')).toHaveAttribute('lang', 'en');
    expect(within(form).getAllByText('الشمال')[0].closest('[lang="en"]')).toBeNull();
    expect(screen.getByLabelText('Large print')).toBeChecked();
    expect(screen.getByLabelText('Language')).toHaveValue('ar');
    expect(document.documentElement).toHaveClass('printing-paper-form');
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalled();
    await user.selectOptions(screen.getByLabelText('Language'), 'en');
    expect(screen.getByTestId('location')).toHaveTextContent('/question-sets/set1/paper?large=1');
    expect(screen.getByTestId('paper-form')).toHaveAttribute('dir', 'ltr');
    vi.unstubAllGlobals();
  });
});
