/** lib/http/client.ts against loopback servers: responses, caps, timeouts, refusals, no redirects, header safety. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { MongoAwsError } from '../../lib/errors.js';
import { expectStatus, httpRequest, USER_AGENT } from '../../lib/http/client.js';
import { closedPort, isCode, request, startServer, startStalledListener, type Loopback } from './loopback.js';

const SECRET_BODY = 'BODY-TEXT-THAT-MUST-NOT-LEAK';


interface Seen {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

describe('httpRequest against a loopback server', () => {
  let server: Loopback;
  let other: Loopback;
  const seen: Seen = {};

  before(async () => {
    other = await startServer((_req, res) => res.end('redirect target'));
    server = await startServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        switch (new URL(req.url ?? '/', 'http://x').pathname) {
          case '/ok':
            res.setHeader('set-cookie', ['a=1', 'b=2']);
            res.setHeader('__proto__', 'plain data');
            res.setHeader('X-Custom', 'Value');
            res.end('hello');
            return;
          case '/declared-large':
            res.setHeader('content-length', '2048');
            res.write('x'.repeat(100));
            return; // never finishes: the client must give up on the declared size alone
          case '/streamed-large':
            res.write(SECRET_BODY);
            res.write('y'.repeat(1500));
            res.end();
            return;
          case '/exact':
            res.end('z'.repeat(1024));
            return;
          case '/stall':
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.write('partial');
            return; // the body never ends
          case '/redirect':
            res.writeHead(302, { location: `${other.url}/followed` });
            res.end(SECRET_BODY);
            return;
          case '/moved':
            res.writeHead(301, { location: `${other.url}/followed` });
            res.end();
            return;
          case '/forbidden':
            res.writeHead(403, { 'content-type': 'text/plain' });
            res.end(SECRET_BODY);
            return;
          case '/truncated':
            res.setHeader('content-length', '100');
            res.write('short');
            setImmediate(() => res.socket?.destroy());
            return;
          default:
            res.end('default');
        }
      });
    });
  });

  after(async () => {
    await server.close();
    await other.close();
  });

  test('returns status, lower-case null-prototype headers (repeats joined) and body', async () => {
    const response = await httpRequest(request(`${server.url}/ok?x=1`));
    assert.equal(response.status, 200);
    assert.equal(response.body.toString('utf8'), 'hello');
    assert.equal(Object.getPrototypeOf(response.headers), null);
    assert.equal(response.headers['x-custom'], 'Value');
    assert.equal(response.headers['set-cookie'], 'a=1, b=2');
    assert.equal(response.headers['__proto__'], 'plain data');
    assert.equal(Object.getOwnPropertyNames(Object.prototype).includes('plain data'), false);
    assert.equal(seen.url, '/ok?x=1');
    assert.equal(seen.method, 'GET');
  });

  test('sends the fixed user-agent and the caller headers', async () => {
    await httpRequest(request(`${server.url}/echo`, { headers: { 'X-Amz-Date': '20240101T000000Z', Accept: 'application/json' } }));
    assert.equal(seen.headers?.['user-agent'], USER_AGENT);
    assert.equal(seen.headers?.['x-amz-date'], '20240101T000000Z');
    assert.equal(seen.headers?.['accept'], 'application/json');
  });

  test('sets content-length to the UTF-8 byte length of a string body and sends it unchanged', async () => {
    const body = 'Action=GetCallerIdentity&Name=\u00e9\u20ac';
    await httpRequest(request(`${server.url}/echo`, { method: 'POST', body }));
    assert.equal(seen.method, 'POST');
    assert.equal(seen.headers?.['content-length'], String(Buffer.byteLength(body, 'utf8')));
    assert.equal(seen.body?.toString('utf8'), body);
  });

  test('sends a Uint8Array body byte for byte with its content-length, even when the caller gives another one', async () => {
    const body = new Uint8Array([0, 1, 2, 255, 10, 13]);
    await httpRequest(request(`${server.url}/echo`, { method: 'PUT', body, headers: { 'content-length': '999' } }));
    assert.equal(seen.method, 'PUT');
    assert.equal(seen.headers?.['content-length'], '6');
    assert.deepEqual([...(seen.body ?? [])], [...body]);
  });

  test('a GET without body sends no content-length', async () => {
    await httpRequest(request(`${server.url}/echo`));
    assert.equal(seen.headers?.['content-length'], undefined);
  });

  test('a body of exactly maxBodyBytes is accepted', async () => {
    const response = await httpRequest(request(`${server.url}/exact`));
    assert.equal(response.body.byteLength, 1024);
  });

  test('a declared content-length above the cap fails with ERR_HTTP_BODY_TOO_LARGE without waiting for the body', async () => {
    await assert.rejects(httpRequest(request(`${server.url}/declared-large`)), (error: unknown) => {
      isCode('ERR_HTTP_BODY_TOO_LARGE')(error);
      assert.equal((error as MongoAwsError).status, 200);
      return true;
    });
  });

  test('a streamed body growing past the cap fails with ERR_HTTP_BODY_TOO_LARGE and the error holds no body text', async () => {
    await assert.rejects(httpRequest(request(`${server.url}/streamed-large`)), (error: unknown) => {
      isCode('ERR_HTTP_BODY_TOO_LARGE')(error);
      assert.ok(!inspect(error, { showHidden: true, depth: 10 }).includes(SECRET_BODY));
      return true;
    });
  });

  test('a response that never ends fails with ERR_HTTP_TIMEOUT (total timeout)', async () => {
    await assert.rejects(httpRequest(request(`${server.url}/stall`, { timeoutMs: 200 })), (error: unknown) => {
      isCode('ERR_HTTP_TIMEOUT')(error);
      assert.match((error as Error).message, /^request timed out/);
      return true;
    });
  });

  test('a connection closed mid-body fails with ERR_HTTP_CONNECTION', async () => {
    await assert.rejects(httpRequest(request(`${server.url}/truncated`)), isCode('ERR_HTTP_CONNECTION'));
  });

  for (const [path, status] of [['/redirect', 302], ['/moved', 301]] as const) {
    test(`a ${status} with Location is returned, not followed; expectStatus throws ERR_HTTP_STATUS with .status`, async () => {
      const before = other.connections();
      const response = await httpRequest(request(`${server.url}${path}`));
      assert.equal(response.status, status);
      assert.equal(response.headers['location'], `${other.url}/followed`);
      assert.equal(other.connections(), before);
      assert.throws(() => expectStatus(response, 200, 'STS'), (error: unknown) => {
        isCode('ERR_HTTP_STATUS')(error);
        assert.equal((error as MongoAwsError).status, status);
        assert.ok(!inspect(error, { showHidden: true, depth: 10 }).includes(SECRET_BODY));
        return true;
      });
    });
  }

  test('expectStatus accepts the expected status and its error never quotes the body', async () => {
    const response = await httpRequest(request(`${server.url}/forbidden`));
    assert.equal(response.body.toString(), SECRET_BODY);
    assert.throws(() => expectStatus(response, 200, 'IMDS token'), (error: unknown) => {
      isCode('ERR_HTTP_STATUS')(error);
      assert.equal((error as MongoAwsError).status, 403);
      assert.match((error as Error).message, /IMDS token returned HTTP 403/);
      assert.ok(!inspect(error, { showHidden: true, depth: 10 }).includes(SECRET_BODY));
      return true;
    });
    expectStatus(await httpRequest(request(`${server.url}/ok`)), 200, 'STS');
  });

  test('an https: URL speaks TLS: against a plain-HTTP server the handshake fails with ERR_HTTP_CONNECTION', async () => {
    const httpsUrl = server.url.replace(/^http:/, 'https:');
    await assert.rejects(httpRequest(request(`${httpsUrl}/ok`)), isCode('ERR_HTTP_CONNECTION'));
  });

  test('a URL object is accepted like a string', async () => {
    const response = await httpRequest(request(`${server.url}/ok`, { url: new URL(`${server.url}/ok`) }));
    assert.equal(response.status, 200);
  });

  test('a timeout beyond what timers support is clamped rather than firing at once', async () => {
    const response = await httpRequest(request(`${server.url}/ok`, { timeoutMs: 2 ** 40, connectTimeoutMs: 2 ** 40 }));
    assert.equal(response.status, 200);
  });
});

test('a refused connection fails with ERR_HTTP_CONNECTION carrying the system error as cause', async () => {
  const port = await closedPort();
  await assert.rejects(httpRequest(request(`http://127.0.0.1:${port}/`)), (error: unknown) => {
    isCode('ERR_HTTP_CONNECTION')(error);
    assert.equal(((error as Error).cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
    assert.match((error as Error).message, /ECONNREFUSED/);
    return true;
  });
});

test('an IPv6 literal URL (http://[::1]:port/) reaches a server on ::1', async (t) => {
  let server: Loopback;
  try {
    server = await startServer((_req, res) => res.end('v6'), '::1');
  } catch {
    t.skip('IPv6 loopback is not available here');
    return;
  }
  try {
    const response = await httpRequest(request(`${server.url}/`));
    assert.equal(response.status, 200);
    assert.equal(response.body.toString(), 'v6');
  } finally {
    await server.close();
  }
});

test('a connect that never completes fails with ERR_HTTP_TIMEOUT from the connect timer (loopback, full accept queue)', async (t) => {
  const listener = await startStalledListener();
  try {
    if (!listener.stalled) {
      t.skip('this OS completes loopback handshakes past the backlog: connect cannot be stalled');
      return;
    }
    await assert.rejects(httpRequest(request(`http://127.0.0.1:${listener.port}/`, { timeoutMs: 60_000, connectTimeoutMs: 150 })), (error: unknown) => {
      isCode('ERR_HTTP_TIMEOUT')(error);
      assert.match((error as Error).message, /^connection timed out/);
      return true;
    });
  } finally {
    await listener.close();
  }
});

test('once connected, the connect timer no longer fires: a slow response within the total timeout succeeds', async () => {
  let arrived: () => void = () => undefined;
  const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const server = await startServer((_req, res) => {
    arrived();
    void gate.then(() => res.end('late'));
  });
  try {
    const pending = httpRequest(request(`${server.url}/`, { connectTimeoutMs: 50, timeoutMs: 30_000 }));
    await requestArrived; // the client wrote its request, so it saw the connect
    await new Promise((resolve) => setTimeout(resolve, 150)); // longer than connectTimeoutMs
    release();
    const response = await pending;
    assert.equal(response.body.toString(), 'late');
  } finally {
    await server.close();
  }
});
