// A session's status as a coloured tag: Planned, Held, Written up.
import { Tag } from 'nhsuk-react-components';
import { labelOf, useRefData } from '../lib/refdata';

const STATUS_COLOUR: Record<string, 'grey' | 'blue' | 'green'> = {
  planned: 'grey',
  held: 'blue',
  written_up: 'green',
};

export function SessionStatusTag({ status }: { status: string }) {
  const ref = useRefData();
  if (!status) return null;
  return <Tag modifier={STATUS_COLOUR[status] ?? 'grey'}>{labelOf(ref.sessionStatuses, status)}</Tag>;
}
