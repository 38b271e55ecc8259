import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { resolveContainerEndpoint, isAllowedHttpHost } from '../../lib/providers/container-url.js';
import { resolveImdsEndpoint } from '../../lib/providers/imds-endpoint.js';
import { parseTemporaryCredentials } from '../../lib/providers/temporary-credentials.js';
import { resolveStsEndpoint } from '../../lib/sts/endpoint.js';
import { parseStsReply } from '../../lib/sts/response.js';
import { parseRfc3339 } from '../../lib/sts/timestamp.js';
import { extractXmlLeaves } from '../../lib/sts/xml.js';

const RUNS = { numRuns: 400, seed: 20260101 };
const NOW = Date.parse('2021-01-01T00:00:00Z');

/** Runs `fn`; only our own errors may escape. */
function onlyOurErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    assert.ok(MongoAwsError.isMongoAwsError(error), `foreign error: ${String(error)}`);
  }
}

const xmlish = fc.stringMatching(/^[<>/a-zA-Z:!?\[\]\-&#;x0-9 "'=\n]{0,120}$/);
const tag = fc.constantFrom('AssumeRoleResponse', 'AssumeRoleResult', 'Credentials', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'ns:Arn', 'Error', 'Code');
const element: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 12 }).map((s) => s.replace(/[<&]/g, '')),
    fc.tuple(tag, fc.array(tie('node'), { maxLength: 4 })).map(([t, kids]) => `<${t}>${kids.join('')}</${t}>`),
    fc.constantFrom('&amp;', '&lt;', '&#65;', '<![CDATA[<x>]]>', '<!-- c -->', '<e/>'),
  ),
})).node as fc.Arbitrary<string>;

test('fuzz: the XML extractor throws only MongoAwsError and finishes on arbitrary input', () => {
  fc.assert(fc.property(fc.oneof(xmlish, fc.string({ maxLength: 200 }), element.map((e) => `<R>${e}</R>`)), (text) => onlyOurErrors(() => extractXmlLeaves(text))), RUNS);
});

test('fuzz: well-formed generated documents always parse', () => {
  fc.assert(fc.property(element, (inner) => {
    const leaves = extractXmlLeaves(`<?xml version="1.0"?><Root a="1">${inner}</Root>`);
    assert.ok(leaves instanceof Map);
  }), RUNS);
});

test('fuzz: the STS reply parser only throws MongoAwsError, for XML and JSON, any status', () => {
  const reply = fc.record({
    status: fc.constantFrom(200, 400, 403, 500),
    headers: fc.constantFrom({}, { 'content-type': 'text/xml' }, { 'content-type': 'application/json' }),
    body: fc.oneof(xmlish, element.map((e) => `<AssumeRoleResponse><AssumeRoleResult>${e}</AssumeRoleResult></AssumeRoleResponse>`), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ Credentials: v }))),
  });
  fc.assert(fc.property(reply, fc.constantFrom('AssumeRole', 'AssumeRoleWithWebIdentity') as fc.Arbitrary<'AssumeRole'>, (r, action) => onlyOurErrors(() => parseStsReply(action, r, NOW))), RUNS);
});

test('fuzz: the temporary-credentials parser only throws MongoAwsError', () => {
  const field = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.constant(null), fc.constant('2030-01-01T00:00:00Z'));
  const doc = fc.record({ AccessKeyId: field, SecretAccessKey: field, Token: field, Expiration: field, Code: fc.option(field), AccountId: fc.option(field) }, { requiredKeys: [] });
  fc.assert(fc.property(fc.oneof(doc.map((d) => JSON.stringify(d)), fc.string({ maxLength: 100 }), fc.json()), fc.constantFrom('container', 'instance-metadata') as fc.Arbitrary<'container'>, (body, source) => onlyOurErrors(() => parseTemporaryCredentials(body, source, NOW))), RUNS);
});

test('fuzz: container URL rules never accept plain HTTP to a host outside the allow-list', () => {
  const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((ip) => `[${ip}]`), fc.constantFrom('localhost', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]', '[::1]', '127.0.0.1'));
  const uri = fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'HTTP'), host, fc.option(fc.integer({ min: 1, max: 65535 })), fc.webPath()).map(([s, h, p, path]) => `${s}://${h}${p === null ? '' : `:${p}`}${path}`);
  fc.assert(fc.property(fc.oneof(uri, fc.string({ maxLength: 60 })), fc.option(fc.oneof(fc.webPath(), fc.string({ maxLength: 30 }))), (full, relative) => {
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: full, ...(relative === null ? {} : { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: relative }) };
    let endpoint;
    try {
      endpoint = resolveContainerEndpoint(env);
    } catch (error) {
      assert.ok(MongoAwsError.isMongoAwsError(error));
      assert.equal((error as MongoAwsError).code, 'ERR_INVALID_ENDPOINT');
      return;
    }
    if (endpoint === undefined) return;
    if (endpoint.variable === 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') {
      assert.equal(endpoint.url.host, '169.254.170.2');
    } else {
      assert.ok(endpoint.url.protocol === 'https:' || (endpoint.url.protocol === 'http:' && isAllowedHttpHost(endpoint.url.hostname)));
    }
  }), RUNS);
});

test('fuzz: endpoint resolvers and the timestamp parser only throw MongoAwsError', () => {
  const value = fc.oneof(fc.string({ maxLength: 40 }), fc.webUrl(), fc.constantFrom('IPv6', 'legacy', 'us-east-1', 'cn-north-1', ''));
  fc.assert(fc.property(value, value, value, value, (a, b, c, d) => {
    onlyOurErrors(() => resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: a, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: b }, { ec2_metadata_service_endpoint_mode: c }));
    onlyOurErrors(() => resolveStsEndpoint({ AWS_REGION: a, AWS_STS_REGIONAL_ENDPOINTS: b, AWS_ENDPOINT_URL: c }, { region: d }));
    const parsed = parseRfc3339(a);
    assert.ok(parsed === undefined || !Number.isNaN(parsed.getTime()));
  }), RUNS);
});
