/** Strict RFC 3339 timestamp parsing for credential expirations. Pure. */

const RFC3339 = /^(\d{4}-\d\d-\d\d)T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|([+-])([01]\d|2[0-3]):([0-5]\d))$/i;

/**
 * `2021-09-21T18:41:26Z`, with optional fraction (truncated to ms) and numeric offset; `undefined` when not exactly
 * RFC 3339 (or absent), not a calendar date, before the epoch or after year 9999.
 */
export function parseRfc3339(value: string | undefined): Date | undefined {
  const [, day = '', hour, minute, second, fraction, , sign, offHour, offMinute] = RFC3339.exec(value as string) ?? [];
  const midnight = Date.parse(day);
  // Date.parse refuses months and days beyond 31 (NaN, so toJSON is null) but rolls 02-30 over: the round trip catches it.
  const time = midnight + ((+hour! * 60 + +minute!) * 60 + +second!) * 1000 + Math.trunc(+(fraction ?? 0) * 1000)
    - (sign ? +`${sign}1` * (+offHour! * 60 + +offMinute!) * 60_000 : 0);
  return day && new Date(midnight).toJSON()?.startsWith(day) && time >= 0 && time <= 253_402_300_799_999 ? new Date(time) : undefined;
}
