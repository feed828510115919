// Quoting for the command lines the sandbox shows (openssl, curl, cdklocal), so a user can paste them into a POSIX
// shell unchanged. It lives in certs/ because certs/ depends on nothing else in the code base while sandbox/,
// scenarios/ and cli/ all depend on certs/: every part that prints a command can import it from here.

/** POSIX single quotes, only when the word holds something the shell would interpret, so commands stay readable. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) && !word.startsWith('=')) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
