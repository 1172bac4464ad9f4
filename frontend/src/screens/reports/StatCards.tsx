// Figures as a group of NHS cards, like the Reports screen's headline figures.
import type { ReactNode } from 'react';

export interface Stat {
  key: string;
  title: string;
  value: string;
  description?: ReactNode;
}

/** Figures as NHS cards (like the headline figures): `data-testid="<prefix>-<key>"`,
 * the value in `data-testid="figure-value"`. */
export function StatCards({ stats, prefix, columns = 'one-quarter' }: { stats: Stat[]; prefix: string; columns?: 'one-third' | 'one-quarter' }) {
  return (
    <ul className="nhsuk-grid-row nhsuk-card-group app-report-cards">
      {stats.map((s) => (
        <li key={s.key} className={`nhsuk-grid-column-${columns} nhsuk-card-group__item`}>
          <div className="nhsuk-card" data-testid={`${prefix}-${s.key}`}>
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-xs">{s.title}</h3>
              <p className="app-stat" data-testid="figure-value">
                {s.value}
              </p>
              {s.description ? <p className="nhsuk-card__description nhsuk-body-s">{s.description}</p> : null}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
