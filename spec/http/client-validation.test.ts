/** lib/http/client.ts input checks: unsafe headers, bad endpoints and bad limits are refused before any socket. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoAwsError } from '../../lib/errors.js';
import { httpRequest, type HttpRequest } from '../../lib/http/client.js';
import { isCode, request, startServer, type Loopback } from './loopback.js';


describe('httpRequest refuses unsafe input before opening a socket', () => {
  let server: Loopback;

  before(async () => {
    server = await startServer((_req, res) => res.end('ok'));
  });

  after(async () => {
    await server.close();
  });

  const unsafe: [string, Record<string, string>][] = [
    ['CR in a value', { 'x-token': 'abc\rdef' }],
    ['LF in a value', { 'x-token': 'abc\ninjected: 1' }],
    ['NUL in a value', { 'x-token': 'abc\0' }],
    ['a code point Node cannot send', { 'x-token': 'caf\u20ac' }],
    ['a space in the name', { 'x token': 'v' }],
    ['a colon in the name', { 'x-token:': 'v' }],
    ['an empty name', { '': 'v' }],
    ['LF in the name', { 'x\nhost': 'v' }],
  ];
  for (const [what, headers] of unsafe) {
    test(`${what} fails with ERR_UNSAFE_HEADER before any socket is opened`, async () => {
      const before = server.connections();
      await assert.rejects(httpRequest(request(`${server.url}/echo`, { headers })), (error: unknown) => {
        isCode('ERR_UNSAFE_HEADER')(error);
        for (const value of Object.values(headers)) if (value.length > 1) assert.ok(!(error as Error).message.includes(value));
        return true;
      });
      // A valid request afterwards is the only new connection the server saw.
      await httpRequest(request(`${server.url}/echo`));
      assert.equal(server.connections(), before + 1);
    });
  }

  const badEndpoints: [string, string | URL][] = [
    ['file: scheme', 'file:///etc/passwd'],
    ['ftp: scheme', 'ftp://127.0.0.1/'],
    ['userinfo (user and password)', 'http://user:pass@127.0.0.1:1/'],
    ['userinfo (user only)', 'http://user@127.0.0.1:1/'],
    ['not a URL', 'not a url'],
    ['URL object with another scheme', new URL('ws://127.0.0.1:1/')],
  ];
  for (const [what, url] of badEndpoints) {
    test(`${what} fails with ERR_INVALID_ENDPOINT`, async () => {
      await assert.rejects(httpRequest({ method: 'GET', url, timeoutMs: 1000, maxBodyBytes: 10 }), (error: unknown) => {
        isCode('ERR_INVALID_ENDPOINT')(error);
        assert.equal((error as MongoAwsError).field, 'url');
        assert.ok(!(error as Error).message.includes('pass'));
        return true;
      });
    });
  }

  const badLimits: [string, Partial<HttpRequest>][] = [
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }],
    ['timeoutMs Infinity', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['connectTimeoutMs negative', { connectTimeoutMs: -1 }],
    ['maxBodyBytes negative', { maxBodyBytes: -1 }],
    ['an unsupported method', { method: 'DELETE' as never }],
  ];
  for (const [what, extra] of badLimits) {
    test(`${what} fails with ERR_INVALID_ARGUMENT before any socket is opened`, async () => {
      const before = server.connections();
      await assert.rejects(httpRequest(request(`${server.url}/echo`, extra)), isCode('ERR_INVALID_ARGUMENT'));
      assert.equal(server.connections(), before);
    });
  }

});
