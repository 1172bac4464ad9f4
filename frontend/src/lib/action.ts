// The "you said, we did" Action record as the forms use it: its editable fields, an
// empty one, and the plain Action of a view (what edit forms send as loaded/edited).
import type { Action } from './types';

export const ACTION_FIELDS = [
  'feedbackIds',
  'themeId',
  'youSaid',
  'weDid',
  'owner',
  'due',
  'status',
  'reasonNotPossible',
  'decisionInfluenced',
  'communicatedOn',
  'channel',
  'published',
] as const;

const noMeta = { id: '', createdAt: '', updatedAt: '', createdBy: '', deviceId: '', rev: 0 };

export function emptyAction(over: Partial<Action> = {}): Action {
  return {
    ...noMeta,
    feedbackIds: [],
    themeId: '',
    projectId: '',
    sessionId: '',
    youSaid: '',
    weDid: '',
    owner: '',
    due: '',
    status: 'planned',
    reasonNotPossible: '',
    decisionInfluenced: '',
    communicatedOn: '',
    channel: '',
    published: false,
    ...over,
  };
}

/** The plain Action of a view (what edit forms send as loaded/edited). */
export function actionOf(v: Action): Action {
  return emptyAction({
    id: v.id,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    createdBy: v.createdBy,
    deviceId: v.deviceId,
    rev: v.rev,
    feedbackIds: v.feedbackIds,
    themeId: v.themeId ?? '',
    projectId: v.projectId ?? '',
    sessionId: v.sessionId ?? '',
    youSaid: v.youSaid ?? '',
    weDid: v.weDid ?? '',
    owner: v.owner ?? '',
    due: v.due ?? '',
    status: v.status || 'planned',
    reasonNotPossible: v.reasonNotPossible ?? '',
    decisionInfluenced: v.decisionInfluenced ?? '',
    communicatedOn: v.communicatedOn ?? '',
    channel: v.channel ?? '',
    published: !!v.published,
  });
}
