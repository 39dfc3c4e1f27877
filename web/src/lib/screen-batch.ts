// Batch screening from the browser: a CSV or JSON-lines file read here,
// its columns guessed from the header, every row sent as one JSON line to
// POST /v1/screen/batch, and the answer read as it streams (a ReadableStream
// reader, line by line). The server judges every row: a row it cannot
// screen (a JSON line that is not an object, an empty name) is skipped and
// named in the summary's problems ("body:12: name: is empty; row skipped"),
// which this maps back to the file's own line. Only a CSV record with the
// wrong number of fields is refused here, since the server never sees CSV.
import { apiFetch, query } from './api';
import { parseCsv } from './screen-csv';
import type { BatchRow, BatchSummary } from './screen-types';

export type Role = 'name' | 'name2' | 'dob' | 'country' | 'kind' | 'id';

export interface SourceRow {
  line: number; // in the file
  values: Record<string, string> | null; // null: the line is not a JSON object
  raw?: string; // a JSON line as written (sent as it is when it is no object)
}

export interface BatchFile {
  name: string;
  size: number;
  format: 'csv' | 'jsonl';
  columns: string[];
  rows: SourceRow[];
  local: Problem[]; // refused while reading (CSV field counts)
}

export interface Problem {
  line: number; // in the file
  message: string;
  skipped: boolean; // the row was not screened (else screened without a value)
}

export type Columns = Record<Role, string>; // '' for none

// The columns vigil itself would choose (engine/batch.cc ChooseBatchColumns),
// matched without regard to case.
const GUESSES: Record<Role, string[]> = {
  name: ['name', 'full_name', 'fullname', 'full name', 'subject', 'payee', 'beneficiary'],
  name2: [],
  dob: ['dob', 'birth_date', 'date_of_birth', 'birthdate', 'born', 'date of birth'],
  country: ['country', 'nationality', 'citizenship', 'country_code'],
  kind: ['kind', 'type', 'schema'],
  id: ['id', 'ref', 'reference', 'row_id', 'customer_id'],
};

export function guessColumns(columns: string[]): Columns {
  const find = (names: string[]) => columns.find((c) => names.includes(c.trim().toLowerCase())) ?? '';
  const out = {} as Columns;
  for (const role of Object.keys(GUESSES) as Role[]) out[role] = find(GUESSES[role]);
  if (!out.name) {
    // first/last name columns, else anything with "name", else the first column
    const first = columns.find((c) => /^(first|given)[ _]?name$/i.test(c));
    const last = columns.find((c) => /^(last|family|sur)[ _]?name$/i.test(c));
    if (first && last) {
      out.name = first;
      out.name2 = last;
    } else out.name = columns.find((c) => /name/i.test(c)) ?? columns[0] ?? '';
  }
  return out;
}

const isJsonLines = (name: string, text: string) =>
  /\.(jsonl|ndjson|json)$/i.test(name) || /^\s*\{/.test(text.slice(0, 200));

export async function readBatchFile(file: File): Promise<BatchFile> {
  const text = await file.text();
  if (isJsonLines(file.name, text)) {
    const rows: SourceRow[] = [];
    const columns: string[] = [];
    const seen = new Set<string>();
    text.split(/\r?\n/).forEach((raw, i) => {
      if (!raw.trim()) return; // a blank line is no row
      let values: Record<string, string> | null = null;
      try {
        const o = JSON.parse(raw);
        if (o && typeof o === 'object' && !Array.isArray(o)) {
          values = {};
          for (const [k, v] of Object.entries(o)) {
            values[k] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
            if (!seen.has(k)) {
              seen.add(k);
              columns.push(k);
            }
          }
        }
      } catch {
        // the server says what is wrong with it
      }
      rows.push({ line: i + 1, values, raw: values ? undefined : raw });
    });
    return { name: file.name, size: file.size, format: 'jsonl', columns, rows, local: [] };
  }
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) throw new Error(`${file.name}: the file is empty`);
  const columns = header.fields.map((c) => c.trim());
  const rows: SourceRow[] = [];
  const local: Problem[] = [];
  for (const r of records) {
    if (r.fields.length !== columns.length) {
      local.push({ line: r.line, message: `has ${r.fields.length} fields, the header has ${columns.length}; row skipped`, skipped: true });
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((c, i) => (values[c] = r.fields[i]));
    rows.push({ line: r.line, values });
  }
  return { name: file.name, size: file.size, format: 'csv', columns, rows, local };
}

// The JSON line sent for a row: the fields vigil screens, under the names
// it reads (so "none" for a column means none, and the row's other values
// stay in the browser).
function requestLine(row: SourceRow, c: Columns): string {
  if (!row.values) return (row.raw ?? '').replace(/[\r\n]/g, ' ');
  const v = row.values;
  const o: Record<string, string> = {
    name: [c.name, c.name2].filter(Boolean).map((k) => v[k] ?? '').join(' ').trim(),
  };
  if (c.dob && v[c.dob]) o.birth_date = v[c.dob];
  if (c.country && v[c.country]) o.country = v[c.country];
  if (c.kind && v[c.kind]) o.kind = v[c.kind];
  if (c.id && v[c.id]) o.id = v[c.id];
  return JSON.stringify(o);
}

export interface Progress {
  sent: number; // rows sent so far
  done: number; // rows answered (screened or skipped)
}

export interface StreamEvents {
  row: (row: BatchRow, source: SourceRow, text: string) => void;
  summary: (s: BatchSummary, problems: Problem[]) => void;
  progress: (p: Progress) => void;
}

// Rows per request. vigil answers as it reads and stops reading while its
// answer is not read, and a browser may send a request's body whole before
// it reads the answer: a body of a few hundred kilobytes always fits the
// connection's buffers, so files are sent in pieces of this many rows, one
// request (and one audit row, screen_batch) each. Most files are one piece.
const PIECE_ROWS = 5000;

// "body:12: name: is empty; row skipped" -> line 12, the rest.
function parseProblem(p: string): { line: number; message: string } | null {
  const m = /^[^:]*:(\d+): (.*)$/s.exec(p);
  return m ? { line: Number(m[1]), message: m[2] } : null;
}

export async function streamBatch(
  rows: SourceRow[],
  columns: Columns,
  options: { threshold?: string },
  on: StreamEvents,
  signal: AbortSignal,
): Promise<void> {
  const total: BatchSummary = {
    input: 'body', output: 'response', rows: 0, screened: 0, skipped: 0, rows_with_hits: 0, hits: 0,
    threshold: 0, threads: 0, seconds: 0, rows_per_second: 0, lists: [], problems: [],
  };
  const problems: Problem[] = [];
  let done = 0;
  for (let start = 0; start < rows.length; start += PIECE_ROWS) {
    const piece = rows.slice(start, start + PIECE_ROWS);
    const body = piece.map((r) => requestLine(r, columns)).join('\n') + '\n';
    on.progress({ sent: start + piece.length, done });
    const response = await apiFetch('/v1/screen/batch' + query({ threshold: options.threshold || undefined }), {
      body,
      contentType: 'application/x-ndjson',
      signal,
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    let lastLine = 0; // body lines answered in this piece
    const handle = (text: string) => {
      if (!text.trim()) return;
      const o = JSON.parse(text);
      if (o.error) throw new Error(`the batch stopped: ${o.error.message}`);
      if (o.summary) {
        const s = o.summary as BatchSummary;
        for (const k of ['rows', 'screened', 'skipped', 'rows_with_hits', 'hits'] as const) total[k] += s[k];
        total.seconds += s.seconds;
        total.threshold = s.threshold;
        total.threads = s.threads;
        total.lists = s.lists;
        for (const p of s.problems) {
          const parsed = parseProblem(p);
          const source = parsed ? piece[parsed.line - 1] : undefined;
          if (parsed && source) problems.push({ line: source.line, message: parsed.message, skipped: /row skipped/.test(parsed.message) });
          else problems.push({ line: 0, message: p, skipped: false });
        }
        lastLine = piece.length;
        return;
      }
      const row = o as BatchRow;
      const source = piece[row.line - 1];
      if (source) on.row(row, source, text);
      lastLine = row.line;
    };
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      buffered += value;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        handle(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
      on.progress({ sent: start + piece.length, done: done + lastLine });
    }
    handle(buffered);
    done += piece.length;
    on.progress({ sent: start + piece.length, done });
  }
  total.rows_per_second = total.seconds > 0 ? total.screened / total.seconds : 0;
  total.problems = problems.map((p) => `line ${p.line}: ${p.message}`);
  on.summary(total, problems);
}
