import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imdsUnavailable } from '../../lib/chain/sources.js';
import { MongoAwsCredentialsError, MongoAwsHttpError } from '../../lib/errors.js';

test('instance metadata counts as unavailable (chain reports "not found") only when nothing answers there', () => {
  const unavailable = [
    new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'connection failed (EHOSTUNREACH)'),
    new MongoAwsHttpError('ERR_HTTP_TIMEOUT', 'timed out'),
    new MongoAwsCredentialsError('ERR_IMDS_DISABLED', 'forbidden', { status: 403 }),
    new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'token PUT timed out'),
    new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'not found', { status: 404 }),
    new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'not allowed', { status: 405 }),
    new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'forbidden', { status: 403 }),
  ];
  const broken = [
    new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'bad request', { status: 400 }),
    new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'token rejected', { status: 401 }),
    new MongoAwsHttpError('ERR_HTTP_STATUS', 'server error', { status: 500 }),
    new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', 'bad JSON'),
    new MongoAwsCredentialsError('ERR_CREDENTIALS_EXPIRED', 'expired'),
    new Error('ECONNREFUSED'),
    'a string',
  ];
  for (const e of unavailable) assert.equal(imdsUnavailable(e), true, String(e));
  for (const e of broken) assert.equal(imdsUnavailable(e), false, String(e));
});
