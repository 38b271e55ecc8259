import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type EmulatorEnvKind } from '../../lib/emulator/index.js';
import { MongoAwsError } from '../../lib/errors.js';
import { RawClient } from './raw-client.js';
import { authenticate, clientFirst, decodePayload } from './aws-sasl-client.js';

test('startEmulator runs the AWS half and the mongod on one registry, with one close()', async () => {
  const emu = await startEmulator({ stsHost: 'sts.us-east-2.amazonaws.com', roles: [{ role: 'root', db: 'admin' }], mongodFaults: {} });
  try {
    assert.equal(emu.uri, `mongodb://127.0.0.1:${emu.mongod.port}/?authMechanism=MONGODB-AWS&authSource=%24external&directConnection=true`);
    assert.equal(emu.aws.registry, emu.registry);
    const env = emu.env('static');
    const c = await RawClient.connect(emu.mongod.port);
    const start = await c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
    assert.equal(decodePayload(start)['h'], 'sts.us-east-2.amazonaws.com');
    const reply = await authenticate(c, { accessKeyId: env['AWS_ACCESS_KEY_ID']!, secretAccessKey: env['AWS_SECRET_ACCESS_KEY']! });
    assert.equal(reply['done'], true);
    const status = await c.command('admin', { connectionStatus: 1 });
    assert.deepEqual((status['authInfo'] as { authenticatedUserRoles: unknown }).authenticatedUserRoles, [{ role: 'root', db: 'admin' }]);
    await c.close();
    assert.deepEqual(Object.keys(emu.env('session')).sort(), ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
    assert.deepEqual(emu.env('container'), { AWS_CONTAINER_CREDENTIALS_FULL_URI: emu.aws.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: emu.aws.ecs.authorizationToken });
    assert.deepEqual(emu.env('imds'), { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.aws.imds.url });
    const wi = emu.webIdentity('/tmp/token', 'ci');
    assert.match(wi.roleArn, /^arn:aws:iam::123456789012:role\/ci-\d+$/);
    assert.equal(emu.registry.role(wi.roleArn)?.trustedWebIdentityToken, wi.token);
    assert.equal(wi.env['AWS_ENDPOINT_URL_STS'], emu.aws.sts.url);
    assert.throws(() => emu.env('nope' as EmulatorEnvKind), (e: unknown) => MongoAwsError.isMongoAwsError(e) && e.field === 'kind');
  } finally {
    await emu.close();
  }
});

test('startEmulator closes the AWS half when the mongod cannot start', async () => {
  await assert.rejects(startEmulator({ stsHost: '' }), (e: unknown) => MongoAwsError.isMongoAwsError(e) && e.field === 'stsHost');
});
