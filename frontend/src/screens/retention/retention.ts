// The retention screens' shared words and the role rule (issue 13).
export { canSetRetention } from '../../lib/roles';

export const ONLY_LEAD_RETENTION = 'Only a lead’s laptop can change how long records are kept or review records that are due.';

export const ERASURE_LATER =
  'Erasing records when they are due comes in a later version of Involve. For now, records past their period are listed for a lead to review.';
