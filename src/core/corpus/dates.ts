// Finding and normalising publication dates in the formats scraped news text uses.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';

const PATTERNS: Array<{ re: RegExp; pick: (m: RegExpExecArray) => [string, string, string] }> = [
  // 2025-11-05, 2025/11/05
  { re: /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/, pick: (m) => [m[1], m[2], m[3]] },
  // Wed Nov 05 2025, Saturday, November 1, 2025, Nov. 5th, 2025
  {
    re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'),
    pick: (m) => [m[3], m[1], m[2]],
  },
  // 5 November 2025, Wednesday 5 Nov 2025
  {
    re: new RegExp(`\\b${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})\\b`, 'i'),
    pick: (m) => [m[3], m[2], m[1]],
  },
];

function monthNumber(token: string): number {
  if (/^\d+$/.test(token)) return Number(token);
  return MONTHS.indexOf(token.slice(0, 3).toLowerCase()) + 1;
}

/** Finds the first full date (day, month and year) in `text` and returns it as `YYYY-MM-DD`, or null. */
export function parseDate(text: string): string | null {
  for (const { re, pick } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = pick(m);
    const year = Number(y),
      month = monthNumber(mo),
      day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1000) continue;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) continue;
    return date.toISOString().slice(0, 10);
  }
  return null;
}

/** True when a line holds nothing but a date (and perhaps a weekday or time). */
export function isDateLine(line: string): boolean {
  const t = line.trim();
  if (t.length > 48 || !parseDate(t)) return false;
  return !/[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}/i.test(t.replace(new RegExp(`${WEEKDAY}${MONTH}`, 'ig'), ''));
}
