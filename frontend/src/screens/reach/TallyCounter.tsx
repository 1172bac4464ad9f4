// One count with − and + buttons and a number box, for touch screens and keyboards:
// the buttons are at least 44 px and named "Remove one: <label>" / "Add one: <label>";
// the box takes digits (anything else is dropped), ↑/↓ add or remove one and
// Page Up/Page Down ten. Counts never go below 0. The buttons are for pointers and
// touch only (tabIndex -1): the box does what they do from the keyboard, so Tab goes
// from box to box (a page of 100 counters would otherwise have 300 tab stops).
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  value: number;
  onChange: (n: number) => void;
  /** Extra words after the label (e.g. "and 2 from profiles"). */
  after?: ReactNode;
  max?: number;
  size?: 'm' | 's';
}

const MAX = 1_000_000;

export function TallyCounter({ id, label, value, onChange, after, max = MAX, size = 's' }: Props) {
  // What is in the box: may be "" while someone clears it to type a new number.
  const [draft, setDraft] = useState(String(value));
  useEffect(() => {
    setDraft((d) => (d === '' && value === 0 ? d : String(value)));
  }, [value]);

  const set = (n: number) => {
    const v = Math.max(0, Math.min(max, Math.trunc(n)));
    setDraft(String(v));
    if (v !== value) onChange(v);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowUp: 1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      set(value + step);
    } else if (e.key === 'Home') {
      e.preventDefault();
      set(0);
    }
  };
  return (
    <div className={`app-counter app-counter--${size}`} data-testid="tally-counter" data-code={id}>
      <div className="app-counter__label">
        <label className="nhsuk-label nhsuk-u-margin-bottom-0" htmlFor={id}>
          {label}
        </label>
        {after ? (
          <span className="app-counter__after nhsuk-body-s" id={`${id}-after`}>
            {after}
          </span>
        ) : null}
      </div>
      <div className="app-counter__controls">
        <button
          type="button"
          className="app-counter__button"
          tabIndex={-1}
          aria-label={`Remove one: ${label}`}
          aria-controls={id}
          disabled={value <= 0}
          onClick={() => set(value - 1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <input
          id={id}
          className="nhsuk-input app-counter__input"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          role="spinbutton"
          aria-valuemin={0}
          aria-valuemax={max}
          aria-valuenow={value}
          aria-describedby={after ? `${id}-after` : undefined}
          value={draft}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            const digits = e.currentTarget.value.replace(/[^0-9]/g, '').slice(0, 7);
            setDraft(digits);
            const n = digits === '' ? 0 : Number(digits);
            const v = Math.min(max, n);
            if (v !== n) setDraft(String(v));
            if (v !== value) onChange(v);
          }}
          onBlur={() => setDraft(String(value))}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="app-counter__button"
          tabIndex={-1}
          aria-label={`Add one: ${label}`}
          aria-controls={id}
          disabled={value >= max}
          onClick={() => set(value + 1)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    </div>
  );
}
