import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, extractXmlLeaves, MAX_XML_CHARS } from '../../lib/sts/xml.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

test('leaf elements are keyed by their path of local names, namespace prefixes dropped', () => {
  const leaves = extractXmlLeaves(
    '<?xml version="1.0"?>\n<!-- c --><a:Root xmlns:a="urn:x" b="1>2"><a:Inner><Leaf>v</Leaf><Empty/><Other x=\'y\'>w</Other></a:Inner><Leaf>top</Leaf></a:Root>',
  );
  assert.equal(leaves.get('Root/Inner/Leaf'), 'v');
  assert.equal(leaves.get('Root/Inner/Empty'), '');
  assert.equal(leaves.get('Root/Inner/Other'), 'w');
  assert.equal(leaves.get('Root/Leaf'), 'top');
  assert.equal(leaves.has('Root/Inner'), false, 'elements with children have no text entry');
});

test('the first occurrence of a path wins', () => {
  assert.equal(extractXmlLeaves('<R><A>1</A><A>2</A></R>').get('R/A'), '1');
  assert.equal(extractXmlLeaves('<R><A/><A>2</A></R>').get('R/A'), '');
});

test('the five predefined entities and numeric references are decoded, CDATA kept verbatim', () => {
  const leaves = extractXmlLeaves('<R><A>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;</A><B><![CDATA[a&b<c>]]></B></R>');
  assert.equal(leaves.get('R/A'), '&<>"\'AB');
  assert.equal(leaves.get('R/B'), 'a&b<c>');
  assert.equal(decodeEntities('plain'), 'plain');
});

test('malformed XML is ERR_INVALID_CREDENTIALS_RESPONSE, never quoted', () => {
  const bad = [
    '',
    '   ',
    'text',
    '<R>',
    '<R></S>',
    '</R>',
    '<R><A></R></A>',
    '<R/><S/>',
    '<R></R><S></S>',
    'x<R></R>',
    '<R></R>x',
    '<R>&unknown;</R>',
    '<R>a & b</R>',
    '<R>&amp</R>',
    '<R>&#0;</R>',
    '<R>&#xFFFE;</R>',
    '<R>&#x110000;</R>',
    '<!DOCTYPE R [<!ENTITY x "y">]><R>&x;</R>',
    '<R><!-- unterminated </R>',
    '<R><![CDATA[ unterminated </R>',
    '<![CDATA[x]]><R/>',
    '<? unterminated',
    '<R attr="unterminated></R>',
    '<R <S>></R>',
    '<1R></1R>',
    '< R></R>',
    '<R></R',
  ];
  for (const xml of bad) {
    assert.equal(code(() => extractXmlLeaves(xml)), 'ERR_INVALID_CREDENTIALS_RESPONSE', JSON.stringify(xml));
    try {
      extractXmlLeaves(`<Secret>${xml}SECRETVALUE</Secret>`);
    } catch (error) {
      assert.ok(!(error as Error).message.includes('SECRETVALUE'));
    }
  }
});

test('input size, depth and element count are bounded', () => {
  assert.equal(code(() => extractXmlLeaves(`<R>${'x'.repeat(MAX_XML_CHARS)}</R>`)), 'ERR_INVALID_CREDENTIALS_RESPONSE');
  const deep = (n: number): string => '<a>'.repeat(n) + '</a>'.repeat(n);
  assert.doesNotThrow(() => extractXmlLeaves(deep(16)));
  assert.equal(code(() => extractXmlLeaves(deep(17))), 'ERR_INVALID_CREDENTIALS_RESPONSE');
  assert.equal(code(() => extractXmlLeaves(`<R>${'<a/>'.repeat(2048)}</R>`)), 'ERR_INVALID_CREDENTIALS_RESPONSE');
  assert.doesNotThrow(() => extractXmlLeaves(`<R>${'<a/>'.repeat(2047)}</R>`));
});

test('end tags may carry trailing whitespace; mixed content keeps only leaves', () => {
  const leaves = extractXmlLeaves('<R >\n  <A >x</A  >\n</R\n>');
  assert.equal(leaves.get('R/A'), 'x');
});
