/** Pure: splits a credential_process command into argv like Python's POSIX `shlex.split`. No shell ever runs it. */
import { COMMAND, configError } from './settings.js';

/** ERR_INVALID_PROFILE for a credential_process that cannot be split or names no command. */
export function badCommand(): Error {
  return configError(COMMAND, `${COMMAND} is not a valid command line`);
}

// One token per match: blanks | plain run | '…' | "…" | \x | anything else (an unclosed quote or a trailing backslash).
const TOKEN = /([ \t\n\r]+)|([^ \t\n\r'"\\]+)|'([^']*)'|"((?:[^"\\]|\\[^])*)"|\\([^])|[^]/g;

/**
 * POSIX `shlex.split(s)` (botocore's `compat_shell_split` off Windows): blanks split; '…' is literal; "…" honours
 * \" and \\ only; a backslash outside quotes escapes the next character. The same rules apply on Windows: no
 * vector or supported setup needs botocore's CommandLineToArgvW variant, whose only difference is that
 * backslashes not before a quote stay literal (quote such paths). `_platform` is kept for callers that pass it.
 */
export function shellSplit(command: string, _platform?: NodeJS.Platform): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (const [, blank, plain, single, double, escaped] of command.matchAll(TOKEN)) {
    if (blank) {
      if (word != null) words.push(word);
      word = undefined;
    } else {
      const part = plain ?? single ?? escaped ?? double?.replace(/\\(["\\])/g, '$1');
      if (part == null) throw badCommand();
      word = (word ?? '') + part;
    }
  }
  if (word != null) words.push(word);
  return words;
}
