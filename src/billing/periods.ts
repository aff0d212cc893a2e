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

/** the first millisecond and the first millisecond after the period a key names */
export function periodBounds(period: BudgetPeriod, key: string): { start: number; end: number } {
  const bad = () => new RangeError(`"${key}" is not a ${period} period key`);
  let start: number;
  switch (period) {
    case 'total':
      if (key !== 'total') throw bad();
      return { start: 0, end: Number.POSITIVE_INFINITY };
    case 'day': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
      if (!m) throw bad();
      start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      break;
    }
    case 'week': {
      const m = /^(\d{4})-W(\d{2})$/.exec(key);
      if (!m) throw bad();
      // 4 January is always in week 1
      start = weekStart(Date.UTC(Number(m[1]), 0, 4)) + (Number(m[2]) - 1) * 7 * DAY_MS;
      break;
    }
    case 'month': {
      const m = /^(\d{4})-(\d{2})$/.exec(key);
      if (!m) throw bad();
      start = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
      break;
    }
  }
  if (periodKey(period, start) !== key) throw bad();
  return { start, end: periodEnd(period, start) };
}
