/** Canonical URI, query and header stages of SigV4, each checked on its own. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalHeaderValue,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  isSignable,
  normalizePath,
} from '../../lib/sigv4/canonical.js';

test('normalizePath removes . segments, resolves .., collapses //, keeps leading and trailing /', () => {
  assert.equal(normalizePath('/example/..'), '/');
  assert.equal(normalizePath('/example1/example2/../..'), '/');
  assert.equal(normalizePath('/./'), '/');
  assert.equal(normalizePath('/./example'), '/example');
  assert.equal(normalizePath('//example//'), '/example/');
  assert.equal(normalizePath('/a/b/../c/./d/'), '/a/c/d/');
  assert.equal(normalizePath('/../../a'), '/a');
  assert.equal(normalizePath('/.../a'), '/.../a');
  assert.equal(normalizePath(''), '');
  assert.equal(normalizePath('a/./b/'), 'a/b/');
  assert.equal(normalizePath('a/..'), '');
});

test('canonicalUri encodes the literal path once more: /foo%3Dbar becomes /foo%253Dbar (smithy, botocore)', () => {
  assert.equal(canonicalUri('/foo%3Dbar'), '/foo%253Dbar');
  assert.equal(canonicalUri('/abc/../foo%3Dbar'), '/foo%253Dbar');
  assert.equal(canonicalUri('//foo%3Dbar'), '/foo%253Dbar');
  assert.equal(canonicalUri("/foo/!'()*"), '/foo/%21%27%28%29%2A');
  assert.equal(canonicalUri('/example space/'), '/example%20space/');
  assert.equal(canonicalUri('/ሴ'), '/%E1%88%B4');
  assert.equal(canonicalUri('/example/$delete'), '/example/%24delete');
});

test('canonicalUri of an empty or fully collapsed path is /', () => {
  assert.equal(canonicalUri(''), '/');
  assert.equal(canonicalUri('/a/..'), '/');
  assert.equal(canonicalUri('', { normalizePath: false }), '/');
  assert.equal(canonicalUri('', { uriEscapePath: false }), '/');
});

test('canonicalUri with normalizePath false keeps dot segments and slashes but still encodes (aws-c-auth normalize:false)', () => {
  assert.equal(canonicalUri('//example//', { normalizePath: false }), '//example//');
  assert.equal(canonicalUri('/./a b/..', { normalizePath: false }), '/./a%20b/..');
});

test('canonicalUri with uriEscapePath false uses the path verbatim (S3 style)', () => {
  assert.equal(canonicalUri('/foo%3Dbar/../x', { uriEscapePath: false }), '/foo%3Dbar/../x');
});

test('canonicalQuery sorts by encoded key then encoded value and keeps duplicates', () => {
  assert.equal(canonicalQuery('Param2=value2&Param1=value1'), 'Param1=value1&Param2=value2');
  assert.equal(canonicalQuery('Param1=value2&Param1=Value1'), 'Param1=Value1&Param1=value2');
  assert.equal(canonicalQuery('Param1=value1&Param1=value1'), 'Param1=value1&Param1=value1');
  assert.equal(canonicalQuery('a-b=1&a=2'), 'a=2&a-b=1');
  assert.equal(canonicalQuery('b=1&a=1&a=1&a=0&c=2&b=0'), 'a=0&a=1&a=1&b=0&b=1&c=2');
});

test('canonicalQuery sorts after encoding (get-vanilla-query-order-encoded)', () => {
  assert.equal(canonicalQuery('Param-3=Value3&Param=Value2&%E1%88%B4=Value1'), '%E1%88%B4=Value1&Param=Value2&Param-3=Value3');
});

test('canonicalQuery writes k= for a key without value and skips empty && parts', () => {
  assert.equal(canonicalQuery('b&a='), 'a=&b=');
  assert.equal(canonicalQuery('a=1&&b=2&'), 'a=1&b=2');
  assert.equal(canonicalQuery('=v'), '=v');
  assert.equal(canonicalQuery(''), '');
});

test('canonicalQuery splits on the first = only and re-encodes with %20 and uppercase hex', () => {
  assert.equal(canonicalQuery('a=b=c'), 'a=b%3Dc');
  assert.equal(canonicalQuery('q=a b+c%2bd%7e'), 'q=a%20b%2Bc%2Bd~');
  assert.equal(canonicalQuery('%40%23%24%25%5E=&%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D'),
    '%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D&%40%23%24%25%5E=');
});

test('canonicalQuery drops X-Amz-Signature in any case, as smithy does', () => {
  assert.equal(canonicalQuery('X-Amz-Signature=abc&a=1&x-amz-signature=d'), 'a=1');
});

test('canonicalHeaderValue trims and squeezes runs of spaces and tabs, inside quotes too', () => {
  assert.equal(canonicalHeaderValue('  "a   b \t c"  '), '"a b c"');
  assert.equal(canonicalHeaderValue('\t'), '');
  assert.equal(canonicalHeaderValue('a\u00a0 b'), 'a\u00a0 b');
});

test('isSignable excludes the unsignable list and proxy-*/sec-* headers', () => {
  for (const name of ['authorization', 'cache-control', 'connection', 'expect', 'from', 'keep-alive', 'max-forwards', 'pragma',
    'referer', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id', 'proxy-authorization', 'sec-fetch-mode']) {
    assert.equal(isSignable(name), false, name);
  }
  for (const name of ['host', 'x-amz-date', 'content-type', 'date', 'x-proxy', 'x-sec']) assert.equal(isSignable(name), true, name);
});

test('canonicalHeaders sorts names, joins repeated values with , in order, lists signed headers', () => {
  const headers = new Map([
    ['my-header1', ['value4', ' value1 ', 'value3']],
    ['host', ['example.amazonaws.com']],
    ['user-agent', ['x']],
    ['content-type', ['a  b']],
  ]);
  assert.deepEqual(canonicalHeaders(headers), {
    canonical: 'content-type:a b\nhost:example.amazonaws.com\nmy-header1:value4,value1,value3\n',
    signedHeaders: 'content-type;host;my-header1',
  });
});
