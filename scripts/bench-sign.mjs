// Signing throughput of the MONGODB-AWS GetCallerIdentity request: our signRequest (sync) vs @smithy/signature-v4 (async).
// Usage: node scripts/bench-sign.mjs [iterations=20000] [rounds=5] — after a build. Local CPU only, no network.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SignatureV4 } from '@smithy/signature-v4';

const root = resolve(import.meta.dirname, '..');
const { signRequest } = await import(pathToFileURL(resolve(root, 'dist/lib/index.js')).href);
const ITERATIONS = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 5);
const WARMUP = Math.min(5_000, ITERATIONS);

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const NONCE = randomBytes(64).toString('base64'); // 88 characters, as the mongod's server nonce
const HEADERS = {
  'content-type': 'application/x-www-form-urlencoded',
  'content-length': String(Buffer.byteLength(BODY)),
  host: 'sts.amazonaws.com',
  'x-mongodb-server-nonce': NONCE,
  'x-mongodb-gs2-cb-flag': 'n',
};
const CREDS = {
  accessKeyId: 'ASIAEXAMPLEBENCH0001',
  secretAccessKey: randomBytes(30).toString('base64'),
  sessionToken: randomBytes(300).toString('base64'),
};
const REGION = 'us-east-1';
const SERVICE = 'sts';
const DATE = new Date('2026-01-15T12:34:56Z');

/** The smithy hash interface on node:crypto: SHA-256, or HMAC-SHA-256 when constructed with a secret. */
class Sha256 {
  constructor(secret) { this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret); }
  update(data) { this.hash.update(data); }
  digest() { return Promise.resolve(new Uint8Array(this.hash.digest())); }
}
const smithy = new SignatureV4({ credentials: CREDS, region: REGION, service: SERVICE, sha256: Sha256, applyChecksum: false });
const smithyRequest = () => ({
  method: 'POST', protocol: 'https:', hostname: 'sts.amazonaws.com', path: '/', query: {}, headers: { ...HEADERS }, body: BODY,
});

const oursSign = (date) => signRequest({ method: 'POST', url: 'https://sts.amazonaws.com/', headers: HEADERS, body: BODY }, CREDS, {
  region: REGION, service: SERVICE, date,
});
const smithySign = (date) => smithy.sign(smithyRequest(), { signingDate: date });

// One check: same inputs and instant must give the same Authorization value.
const a = oursSign(DATE).authorization;
const b = (await smithySign(DATE)).headers.authorization;
const same = a === b;
console.log(`check: Authorization identical (ours vs @smithy/signature-v4, same headers and date): ${same ? 'yes' : 'NO'}`);
if (!same) console.log(`  ours:   ${a.replace(/Signature=\w+/, 'Signature=…')}\n  smithy: ${b.replace(/Signature=\w+/, 'Signature=…')}`);

async function round(name, n) {
  const start = performance.now();
  if (name === 'ours') for (let i = 0; i < n; i++) oursSign(DATE);
  else for (let i = 0; i < n; i++) await smithySign(DATE);
  return n / ((performance.now() - start) / 1000);
}

await round('ours', WARMUP);
await round('smithy', WARMUP);
const rates = { ours: [], smithy: [] };
for (let r = 0; r < ROUNDS; r++) {
  // Alternate which goes first, so drift and GC pressure fall on both.
  const order = r % 2 === 0 ? ['ours', 'smithy'] : ['smithy', 'ours'];
  for (const name of order) rates[name].push(await round(name, ITERATIONS));
}

const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const rows = [
  ['implementation', 'ops/s median', 'min', 'max', 'µs/op'],
  ...['ours', 'smithy'].map((name) => {
    const m = median(rates[name]);
    return [name === 'ours' ? 'ours signRequest (sync)' : '@smithy/signature-v4 (async)', fmt(m), fmt(Math.min(...rates[name])), fmt(Math.max(...rates[name])), (1e6 / m).toFixed(2)];
  }),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`\nsign GetCallerIdentity: ${ROUNDS} rounds × ${ITERATIONS} signatures, alternating (node ${process.version})`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
const ratio = median(rates.ours) / median(rates.smithy);
console.log(`SUMMARY sign: ours ${fmt(median(rates.ours))} ops/s vs @smithy/signature-v4 ${fmt(median(rates.smithy))} ops/s = ${ratio.toFixed(2)}× throughput; Authorization identical: ${same ? 'yes' : 'NO'}`);
process.exitCode = same ? 0 : 1;
