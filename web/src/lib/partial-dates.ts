// vigil's partial, maybe approximate dates ("2024", "2024-03",
// "2024-03-22", "~1995", "~2015-01"; docs/data-model.md "Dates") for
// drawing them: a position on a time axis, and words for people.
//
//   yearPosition('2024-03') // 2024.204 (the middle of March 2024)
//   yearBound('2024-03')    // 2024.167 (its start; with end=true, 2024.25)
//   dateWords('2024-03-22') // '22 Mar 2024'; dateWords('~2008') // 'c. 2008'
//   spanWords('2015', null) // 'since 2015'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parsed {
  year: number;
  month?: number; // 1..12
  day?: number;
  approx: boolean;
}

function parseDate(text: string | null | undefined): Parsed | null {
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

// A decimal year: the middle of the period the date names (not widened).
export function yearPosition(text: string | null | undefined): number | null {
  const p = parseDate(text);
  if (!p) return null;
  if (p.month === undefined) return p.year + 0.5;
  const start = (p.month - 1) / 12;
  if (p.day === undefined) return p.year + start + 1 / 24;
  return p.year + start + (p.day - 0.5) / daysInMonth(p.year, p.month) / 12;
}

// A decimal year at the start of the period a date names, or (end) at its
// end: bars on a time axis run from one's start to the other's end.
export function yearBound(text: string | null | undefined, end = false): number | null {
  const p = parseDate(text);
  if (!p) return null;
  if (p.month === undefined) return p.year + (end ? 1 : 0);
  if (p.day === undefined) return p.year + (p.month - 1 + (end ? 1 : 0)) / 12;
  return p.year + (p.month - 1 + (p.day - 1 + (end ? 1 : 0)) / daysInMonth(p.year, p.month)) / 12;
}

// A partial date in words: "2008", "Sep 2021", "7 Sep 2021", "c. 2008"; a
// text that is no date as it is.
export function dateWords(text: string | null | undefined): string {
  const p = parseDate(text);
  if (!p) return text ?? '';
  let s = String(p.year);
  if (p.month) s = `${MONTHS[p.month - 1]} ${s}`;
  if (p.day) s = `${p.day} ${s}`;
  return p.approx ? `c. ${s}` : s;
}

// A period in words: "2008 – 2021", "since 2015", "until 30 Aug 2021", ""
// (undated).
export function spanWords(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return '';
  if (from && to) return `${dateWords(from)} – ${dateWords(to)}`;
  if (from) return `since ${dateWords(from)}`;
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

// A UTC timestamp from the API ("2026-12-01T03:56:26Z") to the minute:
// "2026-12-01 03:56 UTC".
export function minuteWords(at: string): string {
  return at.replace('T', ' ').slice(0, 16) + ' UTC';
}
