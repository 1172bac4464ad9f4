// The tags of a "you said, we did" action: its status (coloured) and Overdue.
import { Tag } from 'nhsuk-react-components';
import { labelOf, useRefData } from '../lib/refdata';

const STATUS_COLOUR: Record<string, 'grey' | 'blue' | 'green' | 'orange'> = {
  planned: 'grey',
  in_progress: 'blue',
  done: 'green',
  not_possible: 'orange',
};

export function ActionStatusTag({ status }: { status: string }) {
  const ref = useRefData();
  return <Tag modifier={STATUS_COLOUR[status] ?? 'grey'}>{labelOf(ref.actionStatuses, status) || status}</Tag>;
}

export function OverdueTag() {
  return (
    <Tag modifier="red" data-testid="overdue-tag">
      Overdue
    </Tag>
  );
}
