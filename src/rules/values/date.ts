/**
 * The date grammar of the TLS certificate validity keywords (tls_cert_notbefore,
 * tls_cert_notafter; Suricata detect-tls-cert-validity.c): `DATE`, `<DATE`, `>DATE`,
 * `DATE-DATE`, where DATE is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM` or
 * `YYYY-MM-DD[T ]HH:MM:SS` in UTC (missing parts are the start of the period). Suricata compares
 * inclusively (`<` is "at or before", a range includes both ends); the result is written in the
 * shared integer grammar over seconds since the epoch (values/range.ts), which is exact for
 * integers: `<D` → `<=D`, `>D` → `>=D`, `A-B` → `A-1<>B+1`.
 */
import { badValue } from '../issues.js';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?$/;

/** Seconds since the epoch of one DATE (UTC). */
export function parseDate(keyword: string, text: string): number {
  const m = DATE.exec(text.trim());
  if (!m) badValue(keyword, `"${text.trim()}" is not a date (YYYY[-MM[-DD[THH:MM[:SS]]]])`);
  const [y, mo = 1, d = 1, h = 0, mi = 0, s = 0] = m
    .slice(1)
    .map((x) => (x === undefined ? undefined : Number(x)));
  const ms = Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
  if ((mo as number) < 1 || (mo as number) > 12 || (d as number) < 1 || (d as number) > 31 || ms < 0) {
    badValue(keyword, `"${text.trim()}" is not a valid date after 1970`);
  }
  return ms / 1000;
}

/** A date expression → the same condition in the integer range grammar (see the file comment). */
export function dateRangeText(keyword: string, text: string): string {
  const t = text.trim();
  if (t.startsWith('<')) return `<=${parseDate(keyword, t.slice(1))}`;
  if (t.startsWith('>')) return `>=${parseDate(keyword, t.slice(1))}`;
  const dash = /^(\d{4}(?:-\d{2}){0,2}(?:[T ][\d:]+)?)\s*-\s*(\d{4}.*)$/.exec(t);
  if (dash) {
    const lo = parseDate(keyword, dash[1] as string);
    const hi = parseDate(keyword, dash[2] as string);
    if (lo > hi) badValue(keyword, `range "${t}": the first date must not be after the second`);
    return `${Math.max(0, lo - 1)}<>${hi + 1}`;
  }
  return String(parseDate(keyword, t));
}
