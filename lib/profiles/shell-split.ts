/** Pure: splits a credential_process command into argv like botocore's compat_shell_split. No shell ever runs it. */
import { MongoAwsConfigError } from '../errors.js';

function unclosed(): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_INVALID_PROFILE', 'credential_process has an unclosed quotation', { field: 'credential_process' });
}

/** POSIX `shlex.split(s)`: whitespace splits; '…' is literal; "…" honours \" and \\ only; a backslash outside quotes escapes the next character. */
export function posixShellSplit(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < command.length) {
    const c = command[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '\\') {
      if (i + 1 >= command.length) {
        throw new MongoAwsConfigError('ERR_INVALID_PROFILE', 'credential_process ends with an escape character', { field: 'credential_process' });
      }
      word += command[i + 1];
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end === -1) throw unclosed();
      word += command.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= command.length) throw unclosed();
        const d = command[i] as string;
        if (d === '"') break;
        if (d === '\\' && i + 1 < command.length && (command[i + 1] === '"' || command[i + 1] === '\\')) {
          word += command[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** botocore `_windows_shell_split` (CommandLineToArgvW rules): backslashes are literal unless they precede a quote. */
export function windowsShellSplit(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  let backslashes = 0;
  const flushBackslashes = (): void => {
    if (backslashes > 0) {
      word += '\\'.repeat(backslashes);
      inWord = true;
      backslashes = 0;
    }
  };
  for (const c of command) {
    if (c === '\\') {
      backslashes++;
    } else if (c === '"') {
      word += '\\'.repeat(Math.floor(backslashes / 2));
      const escaped = backslashes % 2 === 1;
      backslashes = 0;
      inWord = true;
      if (escaped) word += '"';
      else quoted = !quoted;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      flushBackslashes();
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      flushBackslashes();
      word += c;
      inWord = true;
    }
  }
  if (quoted) throw unclosed();
  flushBackslashes();
  if (inWord) words.push(word);
  return words;
}

export function shellSplit(command: string, platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? windowsShellSplit(command) : posixShellSplit(command);
}
