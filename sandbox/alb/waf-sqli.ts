// The SQL-injection check behind the emulator's SqliMatchStatement. Pure.
//
// AWS does not publish how SqliMatchStatement decides, so this is NOT AWS's detection engine: it is a small, listed
// set of signatures for the classic forms of SQL injection — enough to show where in the path a WAF can see a
// request, and no more. A request AWS would block may pass here and the other way round; the report says so.
//
// Signatures (case-insensitive; on the text after the rule's text transformations):
//   tautology         a quote closed, then OR/AND and an always-true comparison:  ' OR '1'='1   " or "a"="a   ') or ('x'='x
//   numeric-tautology OR/AND with an always-true numeric comparison:              1 OR 1=1
//   union-select      UNION [ALL|DISTINCT] SELECT
//   stacked-query     ; followed by a statement keyword:                          ; DROP TABLE users
//   quote-comment     a quote closed, then a comment that cuts the rest off:      admin'--   admin'#   admin'/*
//   time-delay        SLEEP( BENCHMARK( PG_SLEEP( or WAITFOR DELAY
// With SensitivityLevel HIGH also:
//   select-from       SELECT … FROM
//   quote-keyword     a quote closed, then OR/AND (without the always-true comparison)

export interface SqliMatch {
  signature: string;
  /** The text that matched, as AWS WAF logs report matchedData: split into tokens. */
  matchedData: string[];
}

const LOW: [string, RegExp][] = [
  [
    'tautology',
    /['"`]\s*\)*\s*(?:or|and|\|\||&&)\s+\(*\s*(['"`]?)([\w.-]+)\1\s*(?:=|<=>|\blike\b)\s*(['"`]?)\2(?![\w.-])/i,
  ],
  ['numeric-tautology', /\b(?:or|and)\s+\(*\s*(\d+)\s*=\s*\1(?!\d)/i],
  ['union-select', /\bunion\b(?:\s+(?:all|distinct))?\s+\(*\s*select\b/i],
  ['stacked-query', /;\s*(?:drop|delete|insert|update|alter|create|truncate|exec(?:ute)?|shutdown|select)\b/i],
  ['quote-comment', /['"`]\s*\)*\s*(?:--|#|\/\*)/],
  ['time-delay', /\b(?:sleep|benchmark|pg_sleep)\s*\(|\bwaitfor\s+delay\b/i],
];

const HIGH: [string, RegExp][] = [
  ['select-from', /\bselect\b[\s\S]+?\bfrom\b/i],
  ['quote-keyword', /['"`]\s*\)*\s*(?:or|and)\b/i],
];

/** The first signature that matches `text`, or null. HIGH sensitivity adds the looser signatures. */
export function detectSqli(text: string, sensitivity: 'LOW' | 'HIGH' = 'LOW'): SqliMatch | null {
  for (const [signature, pattern] of sensitivity === 'HIGH' ? [...LOW, ...HIGH] : LOW) {
    const match = pattern.exec(text);
    if (match) return { signature, matchedData: tokens(match[0]) };
  }
  return null;
}

function tokens(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}
