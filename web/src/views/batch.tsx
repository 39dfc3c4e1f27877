// Batch screening: drop or pick a CSV or JSON-lines file, check the columns
// guessed from its header (name, birth date, country, kind, row id), and
// watch the rows come back from POST /v1/screen/batch as the server streams
// them (lib/screen-batch.ts): a progress bar, the rows vigil could not
// screen with their line and the server's words, a sortable table of the
// results, and downloads (CSV, JSON lines) made in the browser. Nothing but
// the fields screened leaves the browser.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { isAbort, query } from '../lib/api';
import { href, Link } from '../lib/router';
import { useTitle } from '../lib/hooks';
import { Empty, ErrorBox, Foreign } from '../lib/ui';
import { csvLine } from '../lib/screen-csv';
import { download } from '../lib/download';
import { guessColumns, readBatchFile, streamBatch, type BatchFile, type Columns, type Problem, type Role, type SourceRow } from '../lib/screen-batch';
import { listLabel, type BatchRow, type BatchSummary, type Hit } from '../lib/screen-types';
import './screen.css';
import './batch.css';

// One row of the file as the table shows it.
interface Result {
  line: number; // in the file
  id: string;
  name: string;
  dob: string;
  country: string;
  values: Record<string, string> | null;
  hits: Pick<Hit, 'entity' | 'name' | 'dataset' | 'score' | 'references' | 'programs'>[];
  matched: string;
  problem: string;
  skipped: boolean;
  text?: string; // the server's JSON line
}

type SortKey = 'line' | 'id' | 'name' | 'hits' | 'score' | 'top' | 'dataset';

const ROLES: { role: Role; label: string; required?: boolean }[] = [
  { role: 'name', label: 'Name', required: true },
  { role: 'name2', label: 'Name, second part' },
  { role: 'dob', label: 'Birth date' },
  { role: 'country', label: 'Country' },
  { role: 'kind', label: 'Kind' },
  { role: 'id', label: 'Row id' },
];

const PAGE = 200;

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

export function BatchView(_props: ViewProps) {
  useTitle('Batch screening');
  const [file, setFile] = useState<BatchFile | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const [columns, setColumns] = useState<Columns | null>(null);
  const [threshold, setThreshold] = useState('');
  const [dragging, setDragging] = useState(false);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [results, setResults] = useState<Map<number, Result>>(new Map());
  const [summary, setSummary] = useState<BatchSummary | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'line', desc: false });
  const [onlyHits, setOnlyHits] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const controller = useRef<AbortController | null>(null);
  // Bumped by each file opened: a run or a read of an earlier file (still
  // under way) must not write into the state of a later one.
  const generation = useRef(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(
    () => () => {
      generation.current++; // nothing more from a run of this view
      controller.current?.abort();
    },
    [],
  );

  const open = async (f: File | undefined) => {
    if (!f) return;
    const gen = ++generation.current;
    controller.current?.abort();
    setRunning(false);
    setReadError(null);
    setError(null);
    setSummary(null);
    setResults(new Map());
    setProblems([]);
    setProgress({ done: 0, total: 0 });
    try {
      const parsed = await readBatchFile(f);
      if (gen !== generation.current) return;
      if (parsed.rows.length === 0 && parsed.local.length === 0) throw new Error(`${f.name}: no rows to screen`);
      setFile(parsed);
      setColumns(guessColumns(parsed.columns));
    } catch (e) {
      if (gen !== generation.current) return;
      setFile(null);
      setReadError(e);
    }
  };

  const run = async () => {
    if (!file || !columns) return;
    const gen = generation.current;
    const c = new AbortController();
    controller.current = c;
    setRunning(true);
    setError(null);
    setSummary(null);
    setShown(PAGE);
    const local = new Map<number, Result>();
    for (const p of file.local)
      local.set(p.line, { line: p.line, id: '', name: '', dob: '', country: '', values: null, hits: [], matched: '', problem: p.message, skipped: true });
    setResults(new Map(local));
    setProblems(file.local);
    setProgress({ done: 0, total: file.rows.length });
    let pending: Result[] = [];
    let frame = 0;
    // Whether this run still owns the view (no other file opened since).
    const current = () => gen === generation.current;
    const flush = () => {
      frame = 0;
      const batch = pending;
      pending = [];
      if (batch.length && current())
        setResults((m) => {
          const next = new Map(m);
          for (const r of batch) next.set(r.line, r);
          return next;
        });
    };
    try {
      await streamBatch(
        file.rows,
        columns,
        { threshold },
        {
          row: (row: BatchRow, source, text) => {
            pending.push(resultOf(row, source, text));
            if (!frame) frame = requestAnimationFrame(flush);
          },
          progress: (p) => current() && setProgress({ done: p.done, total: file.rows.length }),
          summary: (s, serverProblems) => {
            if (!current()) return;
            cancelAnimationFrame(frame);
            flush();
            setSummary(s);
            setProblems([...file.local, ...serverProblems].sort((a, b) => a.line - b.line));
            // Rows the server skipped wrote no line: they get their problem.
            setResults((m) => {
              const next = new Map(m);
              for (const p of serverProblems) {
                const have = next.get(p.line);
                if (have) next.set(p.line, { ...have, problem: have.problem ? have.problem + '; ' + p.message : p.message });
                else {
                  const source = file.rows.find((r) => r.line === p.line);
                  const v = source?.values;
                  next.set(p.line, {
                    line: p.line,
                    id: v && columns.id ? (v[columns.id] ?? '') : '',
                    name: v ? [columns.name, columns.name2].filter(Boolean).map((k) => v[k] ?? '').join(' ') : (source?.raw ?? ''),
                    dob: '', country: '', values: v ?? null, hits: [], matched: '', problem: p.message, skipped: true,
                  });
                }
              }
              return next;
            });
          },
        },
        c.signal,
      );
    } catch (e) {
      if (!isAbort(e) && current()) setError(e);
    } finally {
      cancelAnimationFrame(frame);
      flush();
      if (current()) setRunning(false);
    }
  };

  const rows = useMemo(() => {
    const all = [...results.values()].filter((r) => !onlyHits || r.hits.length > 0 || r.problem);
    const value = (r: Result): string | number => {
      switch (sort.key) {
        case 'line': return r.line;
        case 'id': return r.id;
        case 'name': return r.name.toLocaleLowerCase();
        case 'hits': return r.hits.length;
        case 'score': return r.hits[0]?.score ?? -1;
        case 'top': return (r.hits[0]?.name ?? '').toLocaleLowerCase();
        case 'dataset': return r.hits[0]?.dataset ?? '';
      }
    };
    all.sort((a, b) => {
      const x = value(a), y = value(b);
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return (sort.desc ? -c : c) || a.line - b.line;
    });
    return all;
  }, [results, sort, onlyHits]);

  const withHits = useMemo(() => [...results.values()].filter((r) => r.hits.length > 0).length, [results]);

  const downloadAs = (kind: 'csv' | 'jsonl') => {
    if (!file) return;
    const ordered = [...results.values()].sort((a, b) => a.line - b.line);
    const lists = summary ? summary.lists.map(listLabel).join('; ') : '';
    let text = '';
    if (kind === 'csv') {
      text += csvLine([...file.columns, 'vigil_line', 'vigil_hits', 'vigil_top_score', 'vigil_top_entity', 'vigil_top_name', 'vigil_top_matched_name', 'vigil_top_references', 'vigil_top_programs', 'vigil_top_dataset', 'vigil_problem', 'vigil_lists']);
      for (const r of ordered) {
        const top = r.hits[0];
        text += csvLine([
          ...file.columns.map((c) => r.values?.[c] ?? ''), r.line, r.skipped ? '' : r.hits.length,
          top ? top.score.toFixed(4) : '', top?.entity ?? '', top?.name ?? '', top ? r.matched : '', top?.references.join(';') ?? '', top?.programs.join(';') ?? '', top?.dataset ?? '',
          r.problem, lists,
        ]);
      }
    } else {
      for (const r of ordered) {
        if (r.text) {
          const o = JSON.parse(r.text);
          o.line = r.line;
          if (r.values) o.input = r.values;
          if (r.problem) o.problem = r.problem;
          text += JSON.stringify(o) + '\n';
        } else text += JSON.stringify({ line: r.line, input: r.values, problem: r.problem }) + '\n';
      }
      if (summary) text += JSON.stringify({ summary: { ...summary, input: file.name } }) + '\n';
    }
    const blob = new Blob([text], { type: kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson' });
    download(blob, file.name.replace(/\.[^.]+$/, '') + '.vigil.' + kind);
  };

  const header = (key: SortKey, label: string, numeric = false) => (
    <th scope="col" class={numeric ? 'num' : undefined} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key === 'score' || key === 'hits' }))}>
        {label}
        <span aria-hidden="true" class="sort-mark">{sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );

  const pct = progress.total ? Math.round((100 * progress.done) / progress.total) : 0;
  const finished = !!summary && !running;

  return (
    <div class="batch">
      <h1>Batch screening</h1>
      <label
        class={'batch-drop card' + (dragging ? ' dragging' : '')}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          open(e.dataTransfer?.files?.[0]);
        }}
      >
        <input
          ref={input}
          type="file"
          class="sr-only"
          accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
          aria-label="CSV or JSON-lines file to screen"
          onChange={(e) => open((e.target as HTMLInputElement).files?.[0])}
        />
        <span class="batch-drop-title">Drop a CSV or JSON-lines file here, or <span class="link-like">choose one</span></span>
        <span class="hint">
          A header row names the columns (CSV); one object per line (JSON lines). Only the name, birth date, country, kind and row id of each row go to vigil; the other columns stay in this browser.
        </span>
      </label>
      {readError ? <ErrorBox error={readError} /> : null}

      {file && columns ? (
        <section class="card batch-setup" aria-label="Columns">
          <div class="batch-file">
            <strong>{file.name}</strong> · {formatBytes(file.size)} · {file.format === 'csv' ? 'CSV' : 'JSON lines'} · {file.rows.length.toLocaleString('en')} rows
            {file.local.length ? <span class="warn-text"> · {file.local.length} unreadable</span> : null}
          </div>
          <div class="batch-columns">
            {ROLES.map(({ role, label, required }) => (
              <div key={role}>
                <label for={'col-' + role}>{label}</label>
                <select id={'col-' + role} value={columns[role]} disabled={running} onChange={(e) => setColumns({ ...columns, [role]: (e.target as HTMLSelectElement).value })}>
                  {required ? null : <option value="">(none)</option>}
                  {file.columns.map((c) => (
                    <option key={c} value={c}>{c}</option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <Preview file={file} columns={columns} />
          <div class="row batch-run">
            <label for="batch-threshold" class="inline-label">Threshold</label>
            <input id="batch-threshold" class="threshold" type="number" min="0" max="1" step="0.05" placeholder="0.80" value={threshold} disabled={running} onInput={(e) => setThreshold((e.target as HTMLInputElement).value)} />
            <button type="button" onClick={run} disabled={running || !columns.name}>
              {running ? 'Screening…' : finished ? 'Screen again' : `Screen ${file.rows.length.toLocaleString('en')} rows`}
            </button>
            {running ? (
              <button type="button" class="secondary" onClick={() => controller.current?.abort()}>Cancel</button>
            ) : null}
            <button type="button" class="link" onClick={() => input.current?.click()} disabled={running}>Another file</button>
          </div>
        </section>
      ) : !readError ? (
        <Empty>No file yet. A CSV with columns such as <code>id,name,birth_date,country</code> works as it is.</Empty>
      ) : null}

      {progress.total ? (
        <section class="batch-progress" aria-label="Progress">
          <div class="row">
            <progress max={progress.total} value={progress.done} aria-label="Rows screened" />
            <span class="mono" data-testid="batch-progress">
              {progress.done.toLocaleString('en')} / {progress.total.toLocaleString('en')} rows
            </span>
          </div>
          <div class="hint" role="status" aria-live="polite">
            {running ? `Screening… ${pct}%` : finished ? `Done: ${summary!.screened.toLocaleString('en')} screened, ${summary!.skipped + (file?.local.length ?? 0)} skipped, ${summary!.rows_with_hits} with hits (${summary!.hits} hits) in ${summary!.seconds.toFixed(2)} s against ${summary!.lists.map(listLabel).join(', ')}.` : 'Stopped.'}
          </div>
        </section>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}

      {problems.length ? (
        <section class="card batch-problems" aria-label="Problems">
          <h2>{problems.length === 1 ? '1 row with a problem' : `${problems.length} rows with problems`}</h2>
          <ul>
            {problems.map((p, i) => (
              <li key={i} data-testid="batch-problem" class={p.skipped ? 'skipped' : ''}>
                <strong>line {p.line}</strong>: {p.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {results.size ? (
        <section class="batch-results" aria-label="Results">
          <div class="row batch-toolbar">
            <h2>Results</h2>
            <span class="muted">{withHits} of {results.size} rows with hits</span>
            <label class="check">
              <input type="checkbox" checked={onlyHits} onChange={(e) => setOnlyHits((e.target as HTMLInputElement).checked)} /> Only rows with hits or problems
            </label>
            <span class="spacer" />
            <button type="button" class="secondary" disabled={!finished} onClick={() => downloadAs('csv')}>Download CSV</button>
            <button type="button" class="secondary" disabled={!finished} onClick={() => downloadAs('jsonl')}>Download JSON lines</button>
          </div>
          <div class="table-wrap">
            <table class="batch-table" data-testid="batch-table">
              <thead>
                <tr>
                  {header('line', 'Line', true)}
                  {header('id', 'Id')}
                  {header('name', 'Name screened')}
                  {header('hits', 'Hits', true)}
                  {header('score', 'Top score', true)}
                  {header('top', 'Top hit')}
                  {header('dataset', 'List')}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, shown).map((r) => (
                  <ResultRow key={r.line} r={r} />
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > shown ? (
            <button type="button" class="secondary" onClick={() => setShown((n) => n + PAGE)}>
              Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
            </button>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function resultOf(row: BatchRow, source: SourceRow, text: string): Result {
  return {
    line: source.line,
    id: row.id ?? row.input.id ?? '',
    name: row.input.name ?? row.query.name,
    dob: row.input.birth_date ?? '',
    country: row.input.country ?? '',
    values: source.values,
    hits: row.hits.map((h) => ({ entity: h.entity, name: h.name, dataset: h.dataset, score: h.score, references: h.references, programs: h.programs })),
    matched: row.hits[0]?.matched_name.text ?? '',
    problem: '',
    skipped: false,
    text,
  };
}

function ResultRow(props: { r: Result }) {
  const r = props.r;
  const top = r.hits[0];
  const screenLink = href('screen') + query({ name: r.name, dob: r.dob, country: r.country });
  return (
    <tr class={(r.problem ? 'problem ' : '') + (top ? 'has-hits' : '')} data-line={r.line}>
      <td class="num mono">{r.line}</td>
      <td class="mono">{r.id}</td>
      <td>
        {r.name ? <Foreign text={r.name} /> : <span class="muted">(none)</span>}
        {r.problem ? <div class={'row-problem' + (r.skipped ? ' skipped' : '')}>{r.problem}</div> : null}
      </td>
      <td class="num">{r.skipped ? '—' : r.hits.length}</td>
      <td class="num">{top ? <strong>{top.score.toFixed(3)}</strong> : ''}</td>
      <td>
        {top ? (
          <>
            <Link href={screenLink} title="Screen this row on the desk, with the explanation">{top.name}</Link>{' '}
            <span class="mono muted">{top.references.join(', ')}</span>
            {r.hits.length > 1 ? <span class="muted"> +{r.hits.length - 1}</span> : null}
          </>
        ) : null}
      </td>
      <td>{top?.dataset ?? ''}</td>
    </tr>
  );
}

function Preview(props: { file: BatchFile; columns: Columns }) {
  const { file, columns } = props;
  const chosen = new Set(Object.values(columns).filter(Boolean));
  const sample = file.rows.slice(0, 4);
  const shownColumns = file.columns.slice(0, 8);
  return (
    <div class="table-wrap batch-preview">
      <table>
        <caption class="hint">The first rows, with the columns screened in bold</caption>
        <thead>
          <tr>
            <th scope="col" class="num">Line</th>
            {shownColumns.map((c) => (
              <th key={c} scope="col" class={chosen.has(c) ? 'chosen' : ''}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.map((r) => (
            <tr key={r.line}>
              <td class="num mono">{r.line}</td>
              {r.values ? (
                shownColumns.map((c) => (
                  <td key={c} class={chosen.has(c) ? 'chosen' : ''}>
                    <Foreign text={r.values![c] ?? ''} />
                  </td>
                ))
              ) : (
                <td colSpan={shownColumns.length} class="muted mono">{r.raw}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
