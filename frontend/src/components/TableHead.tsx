import type { ReactNode } from 'react';

/** One column heading of an NHS.UK table. */
export interface TableColumn {
  label: ReactNode;
  /** Right-aligned, for a column of numbers. */
  numeric?: boolean;
  /** Heard by screen readers only (e.g. an "Actions" column of links). */
  hidden?: boolean;
}

/**
 * The `<thead>` of an NHS.UK table: one row of `scope="col"` headers.
 * A `false`, `null` or `undefined` entry leaves that column out (a column shown only sometimes).
 */
export function TableHead({ columns }: { columns: ReadonlyArray<TableColumn | false | null | undefined> }) {
  return (
    <thead className="nhsuk-table__head">
      <tr className="nhsuk-table__row">
        {columns.map((c, i) =>
          c ? (
            <th
              key={i}
              scope="col"
              className={c.numeric ? 'nhsuk-table__header nhsuk-table__header--numeric' : 'nhsuk-table__header'}
            >
              {c.hidden ? <span className="nhsuk-u-visually-hidden">{c.label}</span> : c.label}
            </th>
          ) : null,
        )}
      </tr>
    </thead>
  );
}
