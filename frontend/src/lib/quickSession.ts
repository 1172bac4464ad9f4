// Which of today's sessions "Quick feedback" opens (the Home screen).
import type { SessionSummary } from './types';

/**
 * The session that "Quick feedback" should open: of today's sessions, the one that
 * started most recently (not in the future), else the first one of the day.
 */
export function pickQuickSession(today: SessionSummary[], nowHM: string): SessionSummary | undefined {
  if (today.length === 0) return undefined;
  const started = today.filter((s) => !s.startTime || s.startTime <= nowHM);
  const pool = started.length > 0 ? started : today;
  return [...pool].sort((a, b) => {
    const t = (b.startTime || '').localeCompare(a.startTime || '');
    return t !== 0 ? t : (b.updatedAt || '').localeCompare(a.updatedAt || '');
  })[0];
}
