// useFocusAfter: focus goes to the target once the render that shows it has happened,
// even when an earlier render's effects were still waiting when the control was used
// (what made "Combine opens at the combined value" fail once in CI: FocusInPlace.test.tsx).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useLayoutEffect, useState } from 'react';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useFocusAfter } from './focus';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

let rerenderFromOutside: () => void = () => {};

/** A Combine-like control: opening it shows the target and moves focus there. Right
 * after a render that did not come from a click (data arriving, say) has been drawn,
 * and before React has run that render's effects, the control is clicked. */
function Opener() {
  const focusAfter = useFocusAfter();
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  rerenderFromOutside = () => setTick((t) => t + 1);
  useLayoutEffect(() => {
    // drawn, effects not run yet: the person clicks now
    if (tick === 1) queueMicrotask(() => screen.getByRole('button', { name: 'Combine' }).click());
  }, [tick]);
  return (
    <>
      <p>Render {tick}</p>
      {open ? (
        <div id="target" tabIndex={-1} data-testid="target">
          Both together
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            focusAfter('target');
            setOpen(true);
          }}
        >
          Combine
        </button>
      )}
    </>
  );
}

describe('useFocusAfter', () => {
  // React's own scheduling, as in the app (not act()'s, which runs every effect at once)
  beforeEach(() => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = false;
  });
  afterEach(() => {
    cleanup();
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  });

  it('focuses the target shown by the render after the click, though an earlier render’s effects ran first', async () => {
    render(<Opener />);
    await screen.findByText('Render 0');
    rerenderFromOutside(); // not a click: React draws it in a task of its own
    await screen.findByTestId('target');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('target')));
  });

  it('without that race: the click’s own render moves focus', async () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    render(<Opener />);
    act(() => screen.getByRole('button', { name: 'Combine' }).click());
    expect(document.activeElement).toBe(screen.getByTestId('target'));
  });
});
