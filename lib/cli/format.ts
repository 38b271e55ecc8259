/** Output helpers of the CLI: writers, one-line error reports, millisecond rounding and plain-text tables. */
import { MongoAwsError } from '../errors.js';
import type { RuntimeInit } from '../runtime.js';

/** Where the CLI writes, and the test override of the outside world. Defaults: process.stdout / process.stderr. */
export interface CliIo extends RuntimeInit {
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

/** Resolved writers: every call writes one whole line (a newline is appended). */
export interface Output {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const PROGRAM = 'mongodb-aws-auth';

/** Exit codes: 0 success, 1 a MongoAwsError (or a failed demo row), 2 usage error, 70 internal error (EX_SOFTWARE). */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 70;

export function outputOf(io: CliIo): Output {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  return { out: (line) => stdout(`${line}\n`), err: (line) => stderr(`${line}\n`) };
}

/** Milliseconds rounded to 0.1. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Control characters (line breaks included) become spaces, so a report stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

const SAFE_NAME = /^[A-Za-z][\w.$-]{0,63}$/;

/** The name of an unexpected thrown value, safe to print (never its message: it could carry data). */
export function internalName(error: unknown): string {
  if (error instanceof Error && SAFE_NAME.test(error.name)) return error.name;
  return typeof error;
}

/** What a failure prints and returns: the stderr line, the exit code, and the JSON body for --json. */
export interface FailureReport {
  readonly line: string;
  readonly exitCode: number;
  readonly json: { readonly ok: false; readonly code: string; readonly message: string };
}

/** A MongoAwsError reports its code and message (messages never carry values); anything else only its name. */
export function failureOf(error: unknown): FailureReport {
  if (MongoAwsError.isMongoAwsError(error)) {
    const message = oneLine(error.message);
    return { line: `${PROGRAM}: ${error.code}: ${message}`, exitCode: EXIT_FAILURE, json: { ok: false, code: error.code, message } };
  }
  if (isMissingBson(error)) {
    const message = 'ping and demo need the bson package (npm install bson)';
    return { line: `${PROGRAM}: ERR_MISSING_DEPENDENCY: ${message}`, exitCode: EXIT_FAILURE, json: { ok: false, code: 'ERR_MISSING_DEPENDENCY', message } };
  }
  const name = internalName(error);
  return { line: `${PROGRAM}: internal error (${name})`, exitCode: EXIT_INTERNAL, json: { ok: false, code: 'ERR_INTERNAL', message: `internal error (${name})` } };
}

/** `bson` is an optional peer dependency: only the wire client and the emulator load it. */
function isMissingBson(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && /['"]bson['"]/.test(message);
}

/** A plain-text table with ` | ` between columns, padded to the widest cell, and a rule under the header. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const pad = (cell: string, i: number): string => (rightAligned.includes(i) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number));
  const line = (cells: readonly string[]): string => cells.map(pad).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...rows.map(line)];
}
