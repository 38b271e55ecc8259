/** Percent-encoding stage of SigV4: the unreserved set, UTF-8, and the lenient decoder used for queries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentDecode, uriEncode } from '../../lib/sigv4/encode.js';

test('uriEncode leaves exactly A-Za-z0-9-_.~ unencoded', () => {
  const unreserved = '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  assert.equal(uriEncode(unreserved, false), unreserved);
  for (let byte = 0; byte < 256; byte++) {
    const encoded = uriEncode(Uint8Array.of(byte), false);
    if (unreserved.includes(String.fromCharCode(byte))) assert.equal(encoded, String.fromCharCode(byte));
    else assert.equal(encoded, `%${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  }
});

test("uriEncode encodes what encodeURIComponent leaves (!'()*), space as %20 and + as %2B", () => {
  assert.equal(uriEncode("!'()* +", false), '%21%27%28%29%2A%20%2B');
});

test('uriEncode keeps / only when asked (paths), and encodes it in query components', () => {
  assert.equal(uriEncode('/a b/c', true), '/a%20b/c');
  assert.equal(uriEncode('/a b/c', false), '%2Fa%20b%2Fc');
  assert.equal(uriEncode('/already/fine', true), '/already/fine');
});

test('uriEncode takes strings as UTF-8 (2-, 3- and 4-byte) and a lone surrogate as U+FFFD', () => {
  assert.equal(uriEncode('é', false), '%C3%A9');
  assert.equal(uriEncode('ሴ', false), '%E1%88%B4');
  assert.equal(uriEncode('😀', false), '%F0%9F%98%80');
  assert.equal(uriEncode('\ud800', false), '%EF%BF%BD');
});

test('uriEncode encodes only the bytes of a Uint8Array view', () => {
  const bytes = Uint8Array.of(0x41, 0x20, 0x42, 0x43);
  assert.equal(uriEncode(bytes.subarray(1, 3), false), '%20B');
});

test('percentDecode decodes %XX in either hex case to bytes', () => {
  assert.deepEqual([...percentDecode('%e1%88%B4')], [0xe1, 0x88, 0xb4]);
  assert.equal(Buffer.from(percentDecode('a%20b')).toString(), 'a b');
});

test('percentDecode keeps + as +, and a % without two hex digits as a literal %', () => {
  assert.equal(Buffer.from(percentDecode('a+b')).toString(), 'a+b');
  assert.equal(Buffer.from(percentDecode('%zz%4%')).toString(), '%zz%4%');
  assert.equal(uriEncode(percentDecode('100%'), false), '100%25');
});

test('percentDecode then uriEncode preserves invalid UTF-8 bytes exactly', () => {
  assert.equal(uriEncode(percentDecode('%FF%fe%80'), false), '%FF%FE%80');
});

test('percentDecode of text without % is its UTF-8 bytes', () => {
  assert.deepEqual([...percentDecode('é')], [0xc3, 0xa9]);
});
