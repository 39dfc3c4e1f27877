// vigil's partial, maybe approximate dates ("2024", "2024-03",
// "2024-03-22", "~1995", "~2015-01"; docs/data-model.md "Dates") for
// drawing them: the range of days a date may denote, a position on a time
// axis, and words for people.
//
//   dayRange('~2015')      // { first: '2014-01-01', last: '2016-12-31', approx: true }
//   yearPosition('2024-03') // 2024.204 (the middle of March 2024)
//   dateWords('2024-03-22') // '22 Mar 2024'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Parsed {
  year: number;
  month?: number; // 1..12
  day?: number;
  approx: boolean;
}

export function parseDate(text: string | null | undefined): Parsed | null {
  if (!text) return null;
  const m = /^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return null;
  return {
    approx: !!m[1],
    year: Number(m[2]),
    month: m[3] ? Number(m[3]) : undefined,
    day: m[4] ? Number(m[4]) : undefined,
  };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

// The days a date may denote; "~" widens it by a year each side, as vigil
// compares dates.
export function dayRange(text: string | null | undefined): { first: string; last: string; approx: boolean } | null {
  const p = parseDate(text);
  if (!p) return null;
  const widen = p.approx ? 1 : 0;
  const first = isoDay(p.year - widen, p.month ?? 1, p.day ?? 1);
  const lastMonth = p.month ?? 12;
  const last = isoDay(p.year + widen, lastMonth, p.day ?? daysInMonth(p.year + widen, lastMonth));
  return { first, last, approx: p.approx };
}

// A decimal year: the middle of the period the date names (not widened).
export function yearPosition(text: string | null | undefined): number | null {
  const p = parseDate(text);
  if (!p) return null;
  if (p.month === undefined) return p.year + 0.5;
  const start = (p.month - 1) / 12;
  if (p.day === undefined) return p.year + start + 1 / 24;
  return p.year + start + (p.day - 0.5) / daysInMonth(p.year, p.month) / 12;
}

// A day "YYYY-MM-DD" as a decimal year.
export function dayPosition(day: string): number {
  return yearPosition(day) ?? NaN;
}

export function dateWords(text: string | null | undefined): string {
  const p = parseDate(text);
  if (!p) return text ?? '';
  let s = String(p.year);
  if (p.month) s = `${MONTHS[p.month - 1]} ${s}`;
  if (p.day) s = `${p.day} ${s}`;
  return p.approx ? `about ${s}` : s;
}

// "from – to" in words; open ends are open.
export function spanWords(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '';
  if (from && to) return `${dateWords(from)} – ${dateWords(to)}`;
  if (from) return `from ${dateWords(from)}`;
  return `until ${dateWords(to)}`;
}

// Months since January 1970 (the date slider's unit) and back.
export function monthIndex(year: number, month: number): number {
  return (year - 1970) * 12 + (month - 1);
}
export function monthOf(index: number): { year: number; month: number } {
  return { year: 1970 + Math.floor(index / 12), month: (index % 12) + 1 };
}
export function monthText(index: number): string {
  const { year, month } = monthOf(index);
  return `${year}-${pad(month)}`;
}

// Whether something valid from `from` to `to` (partial dates, open ends
// open) holds on day, as vigil's as_of filter reads it.
export function validOn(from: string | null, to: string | null, day: string | null): boolean {
  if (!day) return true;
  const f = dayRange(from);
  const t = dayRange(to);
  if (f && f.first > day) return false;
  if (t && t.last < day) return false;
  return true;
}
