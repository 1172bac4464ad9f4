// Feedback items of a session, newest first, with edit and delete.
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Tag } from 'nhsuk-react-components';
import { formatDateTime, formatTime } from '../lib/dates';
import { labelOf, ratingLabel, useRefData } from '../lib/refdata';
import { ERASED_TEXT, type Feedback, type Theme } from '../lib/types';
import { WithdrawQuoteConsent } from './WithdrawQuoteConsent';
import { itemName } from '../lib/itemName';

export function newestFirst(items: Feedback[]): Feedback[] {
  return [...items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

const RATING_COLOUR: Record<string, 'green' | 'aqua-green' | 'grey' | 'orange' | 'red' | 'white'> = {
  '5': 'green',
  '4': 'aqua-green',
  '3': 'grey',
  '2': 'orange',
  '1': 'red',
  '0': 'white',
};

interface ItemProps {
  item: Feedback;
  themes: Theme[];
  highlighted?: boolean;
  onDelete?: (f: Feedback) => void;
  editTo?: string;
  compact?: boolean;
}

export function FeedbackItem({ item, themes, highlighted, onDelete, editTo, compact }: ItemProps) {
  const ref = useRefData();
  const el = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (highlighted && el.current) {
      if (typeof el.current.scrollIntoView === 'function') el.current.scrollIntoView({ block: 'center' });
      el.current.focus({ preventScroll: true });
    }
  }, [highlighted]);
  const themeLabel = (id: string) => themes.find((t) => t.id === id)?.label ?? 'Unknown theme';
  const meta = [
    labelOf(ref.feedbackSources, item.source),
    compact ? formatTime(item.createdAt) : formatDateTime(item.createdAt),
    item.capturedBy ? `by ${item.capturedBy}` : '',
  ].filter(Boolean);
  const erased = item.text === ERASED_TEXT; // erased at the person's request: nothing to edit
  const about = [labelOf(ref.ageBands, item.ageBand), labelOf(ref.ethnicGroups, item.ethnicGroup), labelOf(ref.boroughs, item.borough)].filter(Boolean);
  return (
    <li
      ref={el}
      id={`feedback-${item.id}`}
      tabIndex={highlighted ? -1 : undefined}
      className={`nhsuk-card nhsuk-u-margin-bottom-4${highlighted ? ' app-highlight' : ''}${compact ? ' app-quick-card' : ''}`}
      data-testid="feedback-item"
      data-feedback-id={item.id}
    >
      <div className="nhsuk-card__content">
        <p className="nhsuk-body-l app-pre-wrap nhsuk-u-margin-bottom-3">{item.text}</p>
        <p className="nhsuk-u-margin-bottom-2">
          {item.rating !== null ? (
            <Tag modifier={RATING_COLOUR[String(item.rating)] ?? 'grey'} className="nhsuk-u-margin-right-2">
              {ratingLabel(ref.ratings, item.rating)}
            </Tag>
          ) : null}
          {item.themes.map((t) => (
            <Tag key={t} modifier="blue" className="nhsuk-u-margin-right-2">
              {themeLabel(t)}
            </Tag>
          ))}
          {item.needsResponse ? (
            <Tag modifier="orange" className="nhsuk-u-margin-right-2">
              Needs response
            </Tag>
          ) : null}
          {item.quoteConsent ? (
            <Tag modifier="purple" className="nhsuk-u-margin-right-2">
              Can quote
            </Tag>
          ) : null}
        </p>
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-0">
          {meta.join(' · ')}
          {about.length > 0 ? ` · ${about.join(', ')}` : ''}
        </p>
        {(editTo || onDelete) && !erased ? (
          <div className="nhsuk-button-group nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-0">
            {editTo ? (
              <Link className="nhsuk-link" to={editTo}>
                Edit <span className="nhsuk-u-visually-hidden">the feedback “{itemName(item.text)}”</span>
              </Link>
            ) : null}
            {onDelete ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0"
                onClick={() => onDelete(item)}
              >
                Delete <span className="nhsuk-u-visually-hidden">the feedback “{itemName(item.text)}”</span>
              </button>
            ) : null}
            {item.quoteConsent && editTo ? <WithdrawQuoteConsent feedbackId={item.id} /> : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

interface ListProps {
  items: Feedback[];
  themes: Theme[];
  highlightId?: string | null;
  onDelete?: (f: Feedback) => void;
  editTo?: (f: Feedback) => string;
  compact?: boolean;
  label: string;
}

export function FeedbackList({ items, themes, highlightId, onDelete, editTo, compact, label }: ListProps) {
  return (
    <ul className="app-feedback-list" aria-label={label} data-testid="feedback-list">
      {items.map((f) => (
        <FeedbackItem
          key={f.id}
          item={f}
          themes={themes}
          highlighted={highlightId === f.id}
          onDelete={onDelete}
          editTo={editTo?.(f)}
          compact={compact}
        />
      ))}
    </ul>
  );
}
