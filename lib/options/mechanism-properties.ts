/** Pure splitter of the `authMechanismProperties` string form `KEY:value,KEY2:value`. */
import { MongoAwsConfigError } from '../errors.js';

/** `<field>.<KEY>` for error fields; a key that is not a plain identifier is shown as `<property>`. */
export function propertyField(field: string, key: string): string {
  return `${field}.${/^[A-Za-z0-9_]{1,64}$/.test(key) ? key : '<property>'}`;
}

/**
 * Splits `KEY:value,KEY2:value` into pairs, in order. Each pair splits on its first `:`, so a value may
 * itself contain `:`. A pair without `:` or with an empty key, or a repeated key, is ERR_INVALID_URI
 * (`field` names where the string came from). Empty pairs (`a:b,,c:d` or a trailing comma) are skipped.
 */
export function splitMechanismProperties(value: string, field: string): Array<readonly [key: string, value: string]> {
  const pairs: Array<readonly [string, string]> = [];
  const seen = new Set<string>();
  for (const item of value.split(',')) {
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon <= 0) {
      throw new MongoAwsConfigError('ERR_INVALID_URI', `${field} must be a list of KEY:value pairs`, { field });
    }
    const key = item.slice(0, colon);
    if (seen.has(key)) {
      throw new MongoAwsConfigError('ERR_INVALID_URI', `${field} repeats a property`, { field: propertyField(field, key) });
    }
    seen.add(key);
    pairs.push([key, item.slice(colon + 1)]);
  }
  return pairs;
}
