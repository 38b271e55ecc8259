/** Strict timestamp parsing for credential expirations: RFC 3339 strings and epoch seconds. Pure. */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Latest accepted instant (year 9999): anything beyond is a malformed response, not a real expiry. */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** `2021-09-21T18:41:26Z`, with optional fraction and numeric offset; `undefined` when not exactly RFC 3339. */
export function parseRfc3339(value: string): Date | undefined {
  const m = RFC3339.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const offHour = Number(m[10]);
    const offMinute = Number(m[11]);
    if (offHour > 23 || offMinute > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offHour * 60 + offMinute);
  }
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  const time = date.getTime() - offsetMinutes * 60_000;
  return time >= 0 && time <= MAX_MS ? new Date(time) : undefined;
}

/** STS JSON replies give `Expiration` as epoch seconds (a number, possibly fractional). */
export function parseEpochSeconds(value: number): Date | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const time = Math.round(value * 1000);
  return time <= MAX_MS ? new Date(time) : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
