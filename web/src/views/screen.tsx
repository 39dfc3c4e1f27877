// The screening desk: one subject (a name in any script, birth date,
// country, kind) screened as the officer types (POST /v1/screen, 250 ms
// after the last keystroke, a stale request aborted), each hit with its
// score, list, references and programmes, its explanation drawn as an
// alignment of the two names (lib/screen-alignment.tsx) with the evidence
// that birth date, nationality and kind added or removed, the earlier
// decisions on the record for this subject, and, for the roles that may,
// buttons to record a decision (POST /v1/decisions). The form lives in the
// URL (/ui/screen?name=&dob=&country=&kind=&threshold=): a link reproduces
// the screening.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { api, ApiError, isAbort } from '../lib/api';
import { Link, entityHref, setQuery } from '../lib/router';
import { useAllows } from '../lib/session';
import { useTitle } from '../lib/hooks';
import { Empty, ErrorBox, Foreign } from '../lib/ui';
import { Alignment, PairTable } from '../lib/screen-alignment';
import { COUNTRIES } from '../lib/screen-countries';
import { countryName, nameKind, words } from '../lib/knowledge';
import { minuteWords } from '../lib/partial-dates';
import {
  DECISION_LABELS,
  METHODS,
  listLabel,
  methodColor,
  signed,
  type Decision,
  type DecisionKind,
  type Hit,
  type HitDecision,
  type Kind,
  type ListVersion,
  type ScreenResponse,
} from '../lib/screen-types';
import './screen.css';

const DEBOUNCE_MS = 250;
const MIN_NAME = 2; // letters before screening starts (each screening is an audit row)

interface Form {
  name: string;
  dob: string;
  country: string;
  kind: Kind;
  threshold: string;
}

function formFrom(q: URLSearchParams): Form {
  const kind = q.get('kind');
  return {
    name: q.get('name') ?? '',
    dob: q.get('dob') ?? '',
    country: q.get('country') ?? '',
    kind: kind === 'person' || kind === 'organization' ? kind : 'any',
    threshold: q.get('threshold') ?? '',
  };
}

const keyOf = (f: Form) => JSON.stringify([f.name.trim(), f.dob.trim(), f.country.trim(), f.kind, f.threshold.trim()]);
const screenable = (f: Form) => f.name.replace(/[\s\p{P}\p{Cf}]/gu, '').length >= MIN_NAME;

// Made once: the same element each render, which Preact does not diff again.
const COUNTRY_LIST = (
  <datalist id="screen-countries">
    {COUNTRIES.map((c) => (
      <option key={c.code} value={c.code}>{c.name}</option>
    ))}
  </datalist>
);

interface Outcome {
  key: string;
  data?: ScreenResponse;
  error?: unknown;
  started: number; // performance.now() when the settled query was sent
}

export function ScreenDesk(props: ViewProps) {
  const [form, setForm] = useState<Form>(() => formFrom(props.route.query));
  const [settled, setSettled] = useState<Form>(form);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0); // screens again (after a decision)
  const written = useRef(keyOf(form));
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);
  useTitle(form.name ? `Screen ${form.name}` : 'Screening desk');

  // Back/forward or a followed link: the URL wins over the form.
  useEffect(() => {
    const f = formFrom(props.route.query);
    if (keyOf(f) !== written.current) {
      written.current = keyOf(f);
      setForm(f);
      setSettled(f);
    }
  }, [props.route.query.toString()]);

  // Settles 250 ms after the last change.
  useEffect(() => {
    if (keyOf(form) === keyOf(settled)) return;
    const t = setTimeout(() => setSettled(form), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [keyOf(form)]);

  // The settled form goes to the URL and to the API.
  useEffect(() => {
    const key = keyOf(settled);
    written.current = key;
    setQuery({ name: settled.name || null, dob: settled.dob || null, country: settled.country || null, kind: settled.kind === 'any' ? null : settled.kind, threshold: settled.threshold || null });
    if (!screenable(settled)) {
      setOutcome(null);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    const started = performance.now();
    performance.mark('vigil:screen:sent');
    setLoading(true);
    const body: Record<string, unknown> = { name: settled.name, top: 25 };
    if (settled.dob.trim()) body.birth_date = settled.dob.trim();
    if (settled.country.trim()) body.country = settled.country.trim();
    if (settled.kind !== 'any') body.kind = settled.kind;
    if (settled.threshold.trim()) body.threshold = Number(settled.threshold);
    api<ScreenResponse>('/v1/screen', { body, signal: controller.signal })
      .then((data) => {
        if (controller.signal.aborted) return; // a newer screening is under way
        setOutcome({ key, data, started });
        setLoading(false);
      })
      .catch((error) => {
        if (controller.signal.aborted || isAbort(error)) return;
        // The last answer stays (dimmed) under the error: a date half typed
        // does not wipe the hits.
        setOutcome((o) => ({ key, error, started, data: o?.data }));
        setLoading(false);
      });
    return () => controller.abort();
  }, [keyOf(settled), tick]);

  // The time from the settled query to its result on screen:
  // performance.measure('vigil:screen'), read by the browser tests. Preact
  // runs effects after the browser has painted the render.
  useEffect(() => {
    if (outcome?.data && !outcome.error) performance.measure('vigil:screen', { start: outcome.started, end: performance.now() });
  }, [outcome]);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const now = () => setSettled(form);
  const fieldError = outcome?.error instanceof ApiError ? outcome.error.field : undefined;

  return (
    <div class="screen-desk">
      <form
        class="screen-form card"
        role="search"
        aria-label="Screen a subject"
        onSubmit={(e) => {
          e.preventDefault();
          now();
        }}
      >
        <h1>Screen a subject</h1>
        <label for="screen-name">Name, in any script</label>
        <input
          id="screen-name"
          ref={nameInput}
          data-slash-focus
          type="search"
          dir="auto"
          autocomplete="off"
          spellcheck={false}
          placeholder="Serajuddin Haqani · سراج الدين حقاني · Евгений Пригожин"
          value={form.name}
          aria-invalid={fieldError === 'name'}
          onInput={(e) => set({ name: (e.target as HTMLInputElement).value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              const first = document.querySelector<HTMLElement>('.hits .hit h2 a');
              if (first) {
                e.preventDefault();
                first.focus();
              }
            }
          }}
          aria-describedby="screen-keys"
        />
        <div class="screen-form-grid">
          <div>
            <label for="screen-dob">Birth date</label>
            <input
              id="screen-dob"
              type="text"
              inputMode="numeric"
              placeholder="1978-05-02"
              title="YYYY, YYYY-MM, YYYY-MM-DD, ~YYYY or FROM/TO"
              value={form.dob}
              aria-invalid={fieldError === 'dob' || fieldError === 'birth_date'}
              onInput={(e) => set({ dob: (e.target as HTMLInputElement).value })}
            />
          </div>
          <div>
            <label for="screen-country">Country</label>
            <input
              id="screen-country"
              type="text"
              list="screen-countries"
              placeholder="AF"
              title="an ISO code or an English name"
              value={form.country}
              aria-invalid={fieldError === 'country'}
              onInput={(e) => set({ country: (e.target as HTMLInputElement).value })}
            />
            {COUNTRY_LIST}
          </div>
          <div>
            <label for="screen-kind">Kind</label>
            <select id="screen-kind" value={form.kind} onChange={(e) => set({ kind: (e.target as HTMLSelectElement).value as Kind })}>
              <option value="any">Any</option>
              <option value="person">Person</option>
              <option value="organization">Organisation</option>
            </select>
          </div>
          <div>
            <label for="screen-threshold">Threshold</label>
            <input
              id="screen-threshold"
              type="number"
              min="0"
              max="1"
              step="0.05"
              placeholder="0.80"
              value={form.threshold}
              aria-invalid={fieldError === 'threshold'}
              onInput={(e) => set({ threshold: (e.target as HTMLInputElement).value })}
            />
          </div>
        </div>
        <p class="hint">
          Results come as you type. Every screening is recorded in the audit log with the list versions it ran against.
        </p>
        <p class="hint" id="screen-keys">
          Keys: <kbd>↓</kbd> from the name to the hits, <kbd>↑</kbd> <kbd>↓</kbd> between hits, <kbd>/</kbd> back to the name, <kbd>Enter</kbd> screens at once.
        </p>
        <MethodLegend />
      </form>
      <section class="screen-results" aria-label="Results" aria-busy={loading}>
        <Results form={settled} outcome={outcome} loading={loading} onDecided={() => setTick((t) => t + 1)} />
      </section>
    </div>
  );
}

function MethodLegend() {
  return (
    <div class="method-legend" aria-label="Colours of the match methods">
      {METHODS.map((m) => (
        <span key={m} class="method" style={{ '--method': methodColor(m) }}>{m}</span>
      ))}
    </div>
  );
}

function Lists(props: { lists: ListVersion[] }) {
  return (
    <span class="screen-lists">
      {props.lists.map((l, i) => (
        <span key={l.dataset} title={`${l.dataset} version ${l.version}${l.sha256 ? `, SHA-256 ${l.sha256}` : ''}, ${l.records} records`}>
          {i ? ' · ' : ''}
          {listLabel(l)} <span class="muted">({l.records.toLocaleString('en')})</span>
        </span>
      ))}
    </span>
  );
}

function Results(props: { form: Form; outcome: Outcome | null; loading: boolean; onDecided: () => void }) {
  const { outcome } = props;
  // Explanations opened or closed by hand, by record; the best hit's is
  // open unless closed. Kept while the same name is screened.
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const subject = outcome?.data?.query.name;
  useEffect(() => setToggled({}), [subject]);
  if (!outcome) {
    return (
      <div class="screen-status">
        {props.loading ? (
          <span class="state loading"><span class="spinner" aria-hidden="true" />Screening…</span>
        ) : (
          <Empty>Type a name of at least two letters: the hits appear as you type, each with why it matched.</Empty>
        )}
      </div>
    );
  }
  const stale = outcome.key !== keyOf(props.form) || props.loading || !!outcome.error;
  if (!outcome.data) return <ErrorBox error={outcome.error} />;
  const r = outcome.data;
  const q = r.query;
  return (
    <>
    {outcome.error ? <ErrorBox error={outcome.error} /> : null}
    <div class={'screen-answer' + (stale ? ' stale' : '')}>
      <div class="screen-status" role="status" aria-live="polite">
        <strong data-testid="hit-count">
          {r.hits.length === 0 ? 'No hit' : r.hits.length === 1 ? '1 hit' : `${r.hits.length} hits`}
        </strong>{' '}
        for <Foreign class="subject" text={q.name} script={q.analysis.script} />
        {q.birth_date ? <> · born {q.birth_date}</> : null}
        {q.country ? <> · {countryName(q.country)}</> : null}
        {q.kind !== 'any' ? <> · {q.kind}</> : null} at threshold {r.threshold.toFixed(2)}
        {props.loading ? <span class="spinner inline" aria-label="Screening" /> : null}
        <div class="hint">
          {r.candidates} candidate names scored{r.fallback ? ' (found by letter trigrams: no part of the name is listed)' : ''} in {r.elapsed_ms.toFixed(1)} ms against <Lists lists={r.lists} />
        </div>
      </div>
      {q.cleaning.removed.length ? (
        <div class="state warn-box" role="note">
          <strong>Invisible characters removed:</strong> {q.cleaning.summary}
          {q.cleaning.displayed ? (
            <>
              {' '}— shown on screen as <Foreign text={q.cleaning.displayed} />, which was screened too.
            </>
          ) : null}
        </div>
      ) : null}
      {r.hits.length === 0 ? (
        <Empty>
          No listed record scores {r.threshold.toFixed(2)} or more. This clean result names the list versions above; lower the threshold to see near misses.
        </Empty>
      ) : (
        <ol
          class="hits"
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
            const links = Array.from(document.querySelectorAll<HTMLElement>('.hits .hit h2 a'));
            const at = links.indexOf(e.target as HTMLElement);
            if (at < 0) return;
            e.preventDefault();
            if (e.key === 'ArrowUp' && at === 0) document.getElementById('screen-name')?.focus();
            else links[Math.max(0, Math.min(links.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))].focus();
          }}
        >
          {r.hits.map((h, i) => (
            <HitCard
              key={h.entity}
              hit={h}
              response={r}
              open={toggled[h.entity] ?? i === 0}
              onToggle={(open) => setToggled((t) => ({ ...t, [h.entity]: open }))}
              onDecided={props.onDecided}
            />
          ))}
        </ol>
      )}
    </div>
    </>
  );
}

function ScoreBar(props: { score: number; threshold: number }) {
  const pct = Math.round(props.score * 100);
  const tone = props.score >= 0.95 ? 'high' : props.score >= props.threshold ? 'mid' : 'low';
  return (
    <span class={'score ' + tone} title={`score ${props.score.toFixed(3)}`}>
      <span class="score-num">{props.score.toFixed(3)}</span>
      <span class="score-bar" aria-hidden="true">
        <span style={{ width: `${pct}%` }} />
      </span>
    </span>
  );
}

function HitCard(props: { hit: Hit; response: ScreenResponse; open: boolean; onToggle: (open: boolean) => void; onDecided: () => void }) {
  const { hit, response, open } = props;
  const id = `hit-${hit.entity}`;
  const decisions = hit.decisions ?? [];
  const last = decisions[decisions.length - 1];
  return (
    <li class="hit card" id={id} aria-labelledby={id + '-name'} data-entity={hit.entity}>
      <div class="hit-head">
        <span class="hit-rank" aria-label={`rank ${hit.rank}`}>{hit.rank}</span>
        <ScoreBar score={hit.score} threshold={response.threshold} />
        <div class="hit-title">
          <h2 id={id + '-name'}>
            <Link href={entityHref(hit.entity)}>{hit.name}</Link>
          </h2>
          <div class="hit-meta">
            <span class="badge">{hit.kind}</span>
            <span class="badge dataset">{hit.dataset}</span>
            {hit.references.map((r) => (
              <span key={r} class="badge ref mono" title="the list's own reference">{r}</span>
            ))}
            {hit.nationalities.map((c) => (
              <span key={c} class="badge" title={countryName(c)}>{c}</span>
            ))}
            {last ? <DecisionBadge d={last} /> : null}
          </div>
          <div class="hit-programs">{hit.programs.join(' · ')}</div>
        </div>
        <div class="hit-actions">
          <span class="rank-score" title="the score before it is held to [0, 1]: hits are ordered by it">rank {hit.rank_score.toFixed(3)}</span>
          <button type="button" class="secondary" aria-expanded={open} aria-controls={id + '-why'} onClick={() => props.onToggle(!open)}>
            {open ? 'Hide why' : 'Why'}
          </button>
        </div>
      </div>
      <div class="hit-matched">
        met the {nameKind(hit.matched_name.type) || 'name'} <Foreign class="matched" text={hit.matched_name.text} script={hit.matched_name.script ?? undefined} />
        {' '}with name score {hit.explanation.name_score.toFixed(3)}
        {hit.linked ? (
          <>
            {' '}· same entity as <Link href={entityHref(hit.linked)}>{hit.linked}</Link>
          </>
        ) : null}
      </div>
      {open ? <Why hit={hit} response={response} id={id + '-why'} /> : null}
      {/* Keyed by the subject: what was recorded for one subject (the note
          typed, "Recorded …") is not shown beside another's screening. */}
      <Decisions key={subjectKey(response.query)} hit={hit} response={response} decisions={decisions} onDecided={props.onDecided} />
    </li>
  );
}

// The subject a decision is recorded for (POST /v1/decisions' subject).
const subjectKey = (q: ScreenResponse['query']) => JSON.stringify([q.name, q.birth_date, q.country]);

function DecisionBadge(props: { d: HitDecision | Decision }) {
  const d = props.d;
  return (
    <span class={`badge decision ${d.decision}${d.stale ? ' stale' : ''}`} title={d.stale ? 'the record changed since this decision (a newer list version)' : undefined}>
      {DECISION_LABELS[d.decision]}
      {d.stale ? ' · stale' : ''}
    </span>
  );
}

function Why(props: { hit: Hit; response: ScreenResponse; id: string }) {
  const { hit, response } = props;
  const e = hit.explanation;
  const reading = e.query_reading === 'displayed' && response.query.displayed_analysis ? response.query.displayed_analysis : response.query.analysis;
  const evidenceTotal = e.evidence.reduce((s, x) => s + x.effect, 0);
  return (
    <div class="why" id={props.id}>
      <Alignment query={reading.parts} candidate={e.candidate_parts} pairs={e.pairs} queryScript={reading.script} candidateScript={hit.matched_name.script ?? undefined} />
      {reading.honorifics.length ? <p class="hint">Set aside as honorifics: {reading.honorifics.join(', ')}.</p> : null}
      <div class="why-grid">
        <div>
          <h3>Parts</h3>
          <PairTable
            query={reading.parts}
            candidate={e.candidate_parts}
            pairs={e.pairs}
            unmatchedQuery={e.unmatched_query}
            unmatchedCandidate={e.unmatched_candidate}
            queryScript={reading.script}
            candidateScript={hit.matched_name.script ?? undefined}
          />
          {e.adjustments.length ? (
            <ul class="adjustments">
              {e.adjustments.map((a, i) => (
                <li key={i}>
                  <code>{a.rule}</code> {a.detail}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div>
          <h3>Score</h3>
          <table class="evidence" data-testid="evidence">
            <tbody>
              <tr>
                <th scope="row">name</th>
                <td class="num">{e.name_score.toFixed(3)}</td>
                <td class="muted">the best listed name's score{e.query_reading === 'displayed' ? ', as the name is shown on screen' : ''}</td>
              </tr>
              {e.evidence.map((x, i) => (
                <tr key={i} class={x.effect > 0 ? 'plus' : x.effect < 0 ? 'minus' : 'none'}>
                  <th scope="row">{words(x.kind)}</th>
                  <td class="num">{signed(x.effect)}</td>
                  <td>{x.detail}</td>
                </tr>
              ))}
              {response.query.kind !== 'any' ? (
                <tr class="none">
                  <th scope="row">kind</th>
                  <td class="num">±0.00</td>
                  <td>only {response.query.kind === 'person' ? 'people' : 'organisations'} screened: records of the other kind were left out</td>
                </tr>
              ) : null}
              <tr class="total">
                <th scope="row">rank</th>
                <td class="num">{hit.rank_score.toFixed(3)}</td>
                <td class="muted">
                  name {evidenceTotal ? signed(evidenceTotal) + ' of evidence' : 'alone'}
                  {hit.rank_score !== hit.score ? `; held to [0, 1]: score ${hit.score.toFixed(3)}` : ''}
                </td>
              </tr>
            </tbody>
          </table>
          {e.evidence.length === 0 && response.query.kind === 'any' ? <p class="hint">Give a birth date, country or kind for more evidence.</p> : null}
          {hit.designations.length ? (
            <>
              <h3>Designations</h3>
              <ul class="designations">
                {hit.designations.map((d, i) => (
                  <li key={i}>
                    <strong>{d.authority}</strong> {d.program}
                    {d.reference ? <> · <span class="mono">{d.reference}</span></> : null}
                    {d.date ? <> · {d.date}</> : null}
                    {d.list ? <div class="hint">{d.list}</div> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </div>
  );
}

// Earlier decisions on this record for this subject, and (screener and
// above) the buttons to record one.
function Decisions(props: { hit: Hit; response: ScreenResponse; decisions: HitDecision[]; onDecided: () => void }) {
  const may = useAllows('screener');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<DecisionKind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Decision | null>(null);
  const q = props.response.query;
  const record = async (decision: DecisionKind) => {
    setBusy(decision);
    setError(null);
    try {
      const d = await api<Decision>('/v1/decisions', {
        body: { subject: { name: q.name, birth_date: q.birth_date, country: q.country }, record: props.hit.entity, decision, note: note.trim() || undefined },
      });
      setDone(d);
      setNote('');
      props.onDecided();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const noteId = `note-${props.hit.entity}`;
  if (!may && props.decisions.length === 0) return null;
  return (
    <div class="decisions">
      {props.decisions.length ? (
        <div class="decision-history">
          <h3>Earlier decisions on this record for this subject</h3>
          <ol>
            {props.decisions.map((d, i) => (
              <li key={i} data-testid="decision">
                <DecisionBadge d={d} /> by <strong>{d.actor}</strong> on <time dateTime={d.at}>{minuteWords(d.at)}</time>
                {' '}against <span class="mono">{d.list_version}</span>
                {d.note ? <q class="note" dir="auto">{d.note}</q> : null}
                {d.stale ? <div class="hint warn">The record changed since (a newer list version): review it again.</div> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {may ? (
        <div class="decide" role="group" aria-label={`Record a decision on ${props.hit.name}`}>
          <label for={noteId} class="sr-only">Note</label>
          <input
            id={noteId}
            type="text"
            dir="auto"
            maxLength={4000}
            placeholder="Note for the decision (optional)"
            value={note}
            onInput={(e) => setNote((e.target as HTMLInputElement).value)}
          />
          {(['match', 'false_positive', 'needs_review'] as DecisionKind[]).map((k) => (
            <button key={k} type="button" class={'secondary decide-' + k} disabled={busy !== null} onClick={() => record(k)}>
              {busy === k ? 'Recording…' : DECISION_LABELS[k]}
            </button>
          ))}
          <span role="status" aria-live="polite" class="hint">
            {done ? `Recorded ${DECISION_LABELS[done.decision].toLowerCase()} (audit row ${done.audit_seq}).` : ''}
          </span>
          {error ? <ErrorBox error={error} /> : null}
        </div>
      ) : null}
    </div>
  );
}
