import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expectAxeClean } from '../../../test/axe';
import { everyTypeSet } from '../../../test/questionBuilderFixtures';
import { BuilderPreview } from '../BuilderPreview';

describe("the builder's kiosk preview", () => {
  it('asks one question at a time as the kiosk does, with show-if applied', async () => {
    const user = userEvent.setup();
    const { container } = render(<BuilderPreview set={everyTypeSet()} />);
    const kiosk = screen.getByTestId('kiosk-preview');
    expect(within(kiosk).getByText('Your answers will help us choose clinic times.')).toBeInTheDocument();
    // q4 is shown only after "North" on q2: six of the seven questions are asked at first
    expect(within(kiosk).getByText('Question 1 of 6')).toBeInTheDocument();
    expect(within(kiosk).getByText('What works well?')).toBeInTheDocument();
    expect(within(kiosk).getByRole('button', { name: 'Previous question' })).toBeDisabled();
    await user.click(within(kiosk).getByRole('button', { name: 'Next question' }));
    expect(within(kiosk).getByText('Question 2 of 6')).toBeInTheDocument();
    await user.click(within(kiosk).getByRole('radio', { name: 'North' }));
    expect(within(kiosk).getByText('Question 2 of 7')).toBeInTheDocument();
    await user.click(within(kiosk).getByRole('button', { name: 'Next question' }));
    expect(within(kiosk).getByText('When could you come?')).toBeInTheDocument();
    await user.click(within(kiosk).getByRole('button', { name: 'Next question' }));
    expect(within(kiosk).getByText('Question 4 of 7')).toBeInTheDocument();
    expect(within(kiosk).getByText('Would you use a video appointment?')).toBeInTheDocument();
    await expectAxeClean(container);
  });
});
