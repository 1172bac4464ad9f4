// The retention screens' shared words and the role rule (issue 13).
export { canSetRetention } from '../../lib/roles';

export const ONLY_LEAD_RETENTION = 'Only a lead’s laptop can change how long records are kept or review records that are due.';

export const ERASURE_LATER =
  'Erasing records automatically when they are due comes in a later version of Involve. For now, records past their period are listed for a lead to review, and a Lived Experience Partner or a feedback item can be erased from that list.';

export const DUE_ERASE_NOTE =
  'A Lived Experience Partner or a feedback item can be erased from this list (“Erase now”): you will see what is destroyed and what is kept before anything is done. Erasing other records, and erasing automatically when due, come in a later version of Involve.';
