// Budget periods in UTC. A period has a key (the name of its bucket) and a start:
//   day   → `2026-11-21`, starting at 00:00 UTC
//   week  → ISO 8601 week `2026-W47`, starting Monday 00:00 UTC (the ISO year can differ from
//           the calendar year in the first and last days of a year: 2027-01-01 is in `2026-W53`)
//   month → `2026-11`, starting on the 1st at 00:00 UTC
//   total → `total`, starting at the epoch
import type { BudgetPeriod } from '../store/tables.js';

const DAY_MS = 86_400_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

function dayStart(nowMs: number): number {
  return nowMs - (((nowMs % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Monday 00:00 UTC of the ISO week holding nowMs */
function weekStart(nowMs: number): number {
  const day = dayStart(nowMs);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - weekday * DAY_MS;
}

function isoWeek(nowMs: number): { year: number; week: number } {
  // the ISO year is the year of the week's Thursday; week 1 holds the year's first Thursday
  const thursday = weekStart(nowMs) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: Math.floor((thursday - jan1) / DAY_MS / 7) + 1 };
}

export function periodKey(period: BudgetPeriod, nowMs: number): string {
  const d = new Date(nowMs);
  switch (period) {
    case 'day':
      return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    case 'week': {
      const { year, week } = isoWeek(nowMs);
      return `${year}-W${pad2(week)}`;
    }
    case 'month':
      return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}`;
    case 'total':
      return 'total';
  }
}

/** the first millisecond of the period holding nowMs */
export function periodStart(period: BudgetPeriod, nowMs: number): number {
  switch (period) {
    case 'day':
      return dayStart(nowMs);
    case 'week':
      return weekStart(nowMs);
    case 'month': {
      const d = new Date(nowMs);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case 'total':
      return 0;
  }
}

/** the first millisecond after the period holding nowMs (Infinity for `total`) */
export function periodEnd(period: BudgetPeriod, nowMs: number): number {
  switch (period) {
    case 'day':
      return dayStart(nowMs) + DAY_MS;
    case 'week':
      return weekStart(nowMs) + 7 * DAY_MS;
    case 'month': {
      const d = new Date(nowMs);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    case 'total':
      return Number.POSITIVE_INFINITY;
  }
}
