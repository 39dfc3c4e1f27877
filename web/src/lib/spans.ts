// Cited spans in a source's text. vigil's spans are Unicode code-point
// offsets (docs/data-model.md); a JavaScript string is indexed in UTF-16
// units, where a character outside the Basic Multilingual Plane (an emoji,
// some CJK) takes two. These helpers convert once per text and cut the text
// into segments that each lie under the same set of spans, so overlapping
// citations can all be highlighted and clicked.
//
//   const index = codePointIndex(text);          // once per text
//   const [a, b] = toUtf16(index, [17, 36]);     // code points -> UTF-16
//   text.slice(a, b)                             // the passage
//   segments(text, spans)                         // [{start, end, covers: [i, ...]}]

// index[i] is the UTF-16 offset of code point i; index[n] is text.length.
export function codePointIndex(text: string): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    out.push(i);
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  out.push(text.length);
  return Uint32Array.from(out);
}

// A code-point span as UTF-16 offsets; null when it does not fit the text.
export function toUtf16(index: Uint32Array, span: readonly [number, number]): [number, number] | null {
  const [start, end] = span;
  const n = index.length - 1;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start >= end) return null;
  return [index[start], index[end]];
}

// The text a code-point span covers ('' when it does not fit).
export function spanText(text: string, span: readonly [number, number], index = codePointIndex(text)): string {
  const u = toUtf16(index, span);
  return u ? text.slice(u[0], u[1]) : '';
}

// A stretch of text under the same spans: covers lists the indexes (into
// the spans given) of those that contain it, empty for plain text.
export interface Segment {
  start: number; // UTF-16
  end: number;
  covers: number[];
}

// Cuts text at every span's ends (spans in UTF-16 offsets, any order, may
// overlap or nest); the segments cover the whole text in order.
export function segments(text: string, spans: readonly (readonly [number, number] | null)[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  spans.forEach((s) => {
    if (s) {
      cuts.add(s[0]);
      cuts.add(s[1]);
    }
  });
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  // Spans sorted by start, swept once: the open ones cover each segment.
  const order = spans.map((_, i) => i).filter((i) => spans[i]).sort((a, b) => spans[a]![0] - spans[b]![0]);
  const out: Segment[] = [];
  let next = 0;
  let open: number[] = [];
  for (let k = 0; k + 1 < points.length; ++k) {
    const start = points[k], end = points[k + 1];
    while (next < order.length && spans[order[next]]![0] <= start) open.push(order[next++]);
    open = open.filter((i) => spans[i]![1] > start);
    const covers = open.filter((i) => spans[i]![0] <= start && spans[i]![1] >= end).sort((a, b) => a - b);
    out.push({ start, end, covers });
  }
  return out;
}

// "120-180" from a URL into a span; null when it is not one.
export function parseSpan(value: string | null): [number, number] | null {
  const m = value ? /^(\d+)-(\d+)$/.exec(value) : null;
  if (!m) return null;
  const span: [number, number] = [Number(m[1]), Number(m[2])];
  return span[0] < span[1] ? span : null;
}
