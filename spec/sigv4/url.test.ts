/** URL splitting for signing: literal path, raw query, WHATWG host, and rejection of unsignable URLs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitUrl } from '../../lib/sigv4/url.js';

test('splitUrl keeps the path exactly as written (raw spaces, UTF-8, %XX) instead of WHATWG re-encoding it', () => {
  assert.deepEqual(splitUrl('https://example.amazonaws.com/example space/ሴ/foo%3Dbar/./x'), {
    host: 'example.amazonaws.com', path: '/example space/ሴ/foo%3Dbar/./x', query: '',
  });
});

test('splitUrl returns the raw query between ? and #, and drops the fragment', () => {
  assert.deepEqual(splitUrl('https://h.example/p?a=1&b=%20 c?d#frag?x'), { host: 'h.example', path: '/p', query: 'a=1&b=%20 c?d' });
  assert.deepEqual(splitUrl('https://h.example?x=1'), { host: 'h.example', path: '', query: 'x=1' });
  assert.deepEqual(splitUrl('https://h.example/#a'), { host: 'h.example', path: '/', query: '' });
});

test('splitUrl host is the WHATWG host: lower-case, non-default port kept, default port dropped, IPv6 bracketed', () => {
  assert.equal(splitUrl('https://STS.Amazonaws.COM:443/').host, 'sts.amazonaws.com');
  assert.equal(splitUrl('https://sts.amazonaws.com:8443/').host, 'sts.amazonaws.com:8443');
  assert.equal(splitUrl('http://127.0.0.1:80/').host, '127.0.0.1');
  assert.equal(splitUrl('http://127.0.0.1:443/').host, '127.0.0.1:443');
  assert.equal(splitUrl('http://[::1]:8080/').host, '[::1]:8080');
  assert.equal(splitUrl('https://user:pw@h.example/').host, 'h.example');
});

test('splitUrl of a URL object uses its (already encoded) pathname and search as they are', () => {
  assert.deepEqual(splitUrl(new URL('https://h.example:444/a b/../c?q=1%202')), { host: 'h.example:444', path: '/c', query: 'q=1%202' });
});

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

test('splitUrl rejects control characters (CR, LF, NUL, TAB, DEL) with ERR_INVALID_SIGNING_INPUT', () => {
  for (const url of ['https://h/a\r\nX: y', 'https://h/\0', 'https://h/a\tb', 'https://h/\x7f']) {
    assert.equal(code(() => splitUrl(url)), 'ERR_INVALID_SIGNING_INPUT', JSON.stringify(url));
  }
});

test('splitUrl rejects relative, non-http(s), host-less and backslash-authority URLs', () => {
  for (const url of ['/path', 'h.example/p', 'ftp://h/p', 'file:///etc/passwd', 'https:///p', 'https://h\\evil/p', 'https://[::1/p', 'mailto:a@b']) {
    assert.equal(code(() => splitUrl(url)), 'ERR_INVALID_SIGNING_INPUT', url);
  }
  assert.equal(code(() => splitUrl(new URL('file:///x'))), 'ERR_INVALID_SIGNING_INPUT');
});

test('splitUrl rejects a url that is neither string nor URL with ERR_INVALID_ARGUMENT', () => {
  assert.equal(code(() => splitUrl(42 as unknown as string)), 'ERR_INVALID_ARGUMENT');
});
