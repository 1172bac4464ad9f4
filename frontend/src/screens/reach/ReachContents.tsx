// Who came's contents (screens/reach): the totals and every question with its running
// count ("Age band 12 of 20"), each a link that scrolls to its part of the page and puts
// the cursor in its first number box. On a wide screen it stands beside the questions
// and stays in view while the page scrolls (reach.scss: .app-reach-layout); on a narrow
// screen or with large text it is the first thing above them. The part being typed in is
// marked (aria-current), so that someone working through a stack of forms sees where
// they are.
import type { MouseEvent } from 'react';
import { Details } from 'nhsuk-react-components';
import { num } from '../../lib/format';

export interface ContentsQuestion {
  code: string;
  label: string;
  /** People counted: the tally and the profiles (PLUS groups: the groups given). */
  total: number;
  multi: boolean;
  /** The question does not add up to the total attendees (a warning is showing). */
  mismatch: boolean;
}

interface Props {
  attendees: number;
  formsReturned: number;
  profiles: number;
  questions: ContentsQuestion[];
  /** The part with the focus: "attendees", "formsReturned", "q-<code>" or "profiles". */
  current: string;
}

const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

/**
 * Scrolls to a part of the page and puts the cursor in it: in its first number box (a
 * question), in the element itself (a box), or on its first button (the profiles). The
 * address is left alone: this app's routes live in the #.
 */
export function jump(e: MouseEvent, id: string) {
  e.preventDefault();
  const el = document.getElementById(id);
  if (!el) return;
  const part = el.closest<HTMLElement>('fieldset, section') ?? el;
  const target = el.matches('input, button')
    ? el
    : (el.querySelector<HTMLElement>('.app-counter__input') ?? el.querySelector<HTMLElement>('input, button'));
  if (typeof part.scrollIntoView === 'function') part.scrollIntoView({ block: 'start' });
  target?.focus({ preventScroll: true });
}

function Entry({ to, label, count, current, check }: { to: string; label: string; count: string; current: boolean; check?: boolean }) {
  return (
    <li>
      <a
        href={`#${to}`}
        onClick={(e) => jump(e, to)}
        aria-current={current ? 'location' : undefined}
        className={`app-reach-contents__link${current ? ' app-reach-contents__link--current' : ''}`}
        data-testid={`contents-${to}`}
      >
        <span className="app-reach-contents__label">{label}</span>{' '}
        <span className={`app-reach-contents__count${check ? ' app-reach-contents__count--check' : ''}`}>
          {check ? <span aria-hidden="true">! </span> : null}
          {count}
          {check ? <span className="nhsuk-u-visually-hidden"> (does not add up to the total attendees)</span> : null}
        </span>
      </a>
    </li>
  );
}

export function ReachContents({ attendees, formsReturned, profiles, questions, current }: Props) {
  return (
    <nav className="app-reach-contents" aria-labelledby="reach-contents-heading" data-testid="reach-contents">
      <h2 className="app-reach-contents__heading" id="reach-contents-heading">
        Who came so far
      </h2>
      <ul className="app-reach-contents__list" aria-label="Totals">
        <Entry to="attendees" label="Total attendees" count={num(attendees)} current={current === 'attendees'} />
        <Entry to="formsReturned" label="Forms returned" count={num(formsReturned)} current={current === 'formsReturned'} />
        <Entry to="profiles" label="Attendee profiles" count={num(profiles)} current={current === 'profiles'} />
      </ul>
      <ol className="app-reach-contents__list" aria-label="Questions">
        {questions.map((q) => (
          <Entry
            key={q.code}
            to={`q-${q.code}`}
            label={q.label}
            count={!q.multi && attendees > 0 ? `${num(q.total)} of ${num(attendees)}` : `${num(q.total)} counted`}
            current={current === `q-${q.code}`}
            check={q.mismatch}
          />
        ))}
      </ol>
    </nav>
  );
}

/**
 * How the total, forms returned, the counts and the attendee profiles fit together, in
 * plain words (docs/reports.md "Reach"). Closed until asked for; the one rule that
 * matters most (count each person once) is always shown above it.
 */
export function HowItFits() {
  return (
    <Details data-testid="reach-explained">
      <Details.Summary>How forms returned, counts and attendee profiles fit together</Details.Summary>
      <Details.Text>
        <p>
          <strong>Total attendees</strong> is everyone who came, whether or not they filled in a form.
        </p>
        <p>
          <strong>Forms returned</strong> is how many equality monitoring forms people handed back. It adds nobody to the
          counts: it is kept with the session and checked against the total and the profiles.
        </p>
        <p>Record each returned form once, in one of two ways:</p>
        <ul>
          <li>
            <strong>in the counts</strong>: add its answers to the questions on this page. This is quicker for a stack of
            forms: go through the stack one question at a time;
          </li>
          <li>
            <strong>as an attendee profile</strong> (at the end of this page): the form&apos;s answers kept together, with no
            name. A profile adds itself to every question (&quot;and 1 from a profile&quot;), so do not count that form
            again.
          </li>
        </ul>
        <p>
          You can also count people who did not return a form, if you know or can see the answer. Choose &quot;Estimated&quot;
          for a question you counted by eye. Reports show anyone a question leaves out as &quot;Not stated&quot;.
        </p>
        <p>
          Each question, except PLUS groups, should add up to the total attendees. Forms returned should not be more than
          the total attendees, and attendee profiles not more than forms returned. If they are, a warning shows, but the
          counts are saved anyway.
        </p>
        <p>
          In a number box, type the number, or press ↑ or ↓ to add or take away one. Tab goes on to the next box. The − and +
          buttons are for a mouse or a touch screen.
        </p>
      </Details.Text>
    </Details>
  );
}
