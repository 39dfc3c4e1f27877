// The source reader (/ui/source/{id}?span=A-B; GET /v1/sources/{id}) and
// the list of sources (/ui/sources; GET /v1/sources). The reader shows a
// source's stored text with every cited span highlighted (overlapping
// citations shade deeper); a click, Enter or Space on a highlight lists the
// claims that cite it with their facts and entities. The span in the URL
// (a claim opened anywhere in the UI) is highlighted distinctly and
// scrolled into view. Spans are code points; JavaScript strings are UTF-16
// (lib/spans.ts converts).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { ApiError } from '../lib/api';
import { useApi, useTitle } from '../lib/hooks';
import { Link, href, setQuery, sourceHref } from '../lib/router';
import { Empty, ErrorBox, Loading, typingIn } from '../lib/ui';
import { codePointIndex, parseSpan, segments, toUtf16, type Segment } from '../lib/spans';
import { datasetLabel, words, type EntityRef, type SourceClaim, type SourceDocument, type SourceRow } from '../lib/knowledge';
import { dateWords } from '../lib/partial-dates';
import { ClaimView, EntityLink, FactLine } from '../lib/claims';
import './knowledge.css';
import './source.css';

export function SourceView(props: ViewProps) {
  const id = props.route.path[0] === 'source' ? props.route.path[1] : undefined;
  if (!id) return <SourceList />;
  // Keyed by the source: another source starts with none of this one's
  // state (the claims chosen, how many citations are highlighted).
  return <SourceReader key={id} id={id} span={parseSpan(props.route.query.get('span'))} />;
}

// ---- the list ----

function SourceList() {
  useTitle('Sources');
  const list = useApi<SourceRow[]>('/v1/sources');
  if (list.error) return <ErrorBox error={list.error} />;
  const rows = list.data;
  const texts = rows?.filter((s) => s.kind !== 'list') ?? [];
  const lists = rows?.filter((s) => s.kind === 'list') ?? [];
  const table = (items: SourceRow[]) => (
    <div class="src-table-wrap">
      <table class="src-table">
        <thead>
          <tr>
            <th>Title</th>
            <th>Publisher</th>
            <th>Date</th>
            <th class="num">Claims</th>
            <th>Text</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-source={s.id}>
              <td>
                <Link href={sourceHref(s.id)} class="src-title-link">{s.title}</Link>
                <div class="muted src-small">{s.author ? `${s.author} · ` : ''}<code>{s.id}</code></div>
              </td>
              <td>{s.publisher ?? '—'}</td>
              <td class="nowrap">{dateWords(s.date) || '—'}</td>
              <td class="num">{s.claims.toLocaleString('en')}</td>
              <td class="nowrap">{s.text_stored ? `${(s.length ?? 0).toLocaleString('en')} characters` : <span class="muted">not stored</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section class="src-list">
      <h1>Sources</h1>
      <p class="muted">Every fact in the knowledge base cites a passage of one of these. Open one to read it with its cited passages highlighted.</p>
      {!rows ? (
        <Loading label="Loading the sources…" />
      ) : !rows.length ? (
        <Empty>No source is loaded: <code>vigil load data/ --texts DIR</code> loads the knowledge base with its texts.</Empty>
      ) : (
        <>
          {texts.length ? (
            <div class="card src-block">
              <h2>Articles and reports <span class="count">{texts.length}</span></h2>
              {table(texts)}
            </div>
          ) : null}
          {lists.length ? (
            <div class="card src-block">
              <h2>Official lists <span class="count">{lists.length}</span></h2>
              {table(lists)}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

// ---- the reader ----

const spanKey = (s: readonly [number, number]) => `${s[0]}-${s[1]}`;

// Scrolls the URL's span into view (always, or only when it is not fully
// visible): to the middle, or at phone width, where the claims open as a
// sheet over the lower half, to just below the sticky top bar.
function reveal(always: boolean) {
  const el = document.getElementById('span-target');
  if (!el) return;
  const r = el.getBoundingClientRect();
  const bar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0;
  const phone = window.matchMedia('(max-width: 1000px)').matches;
  const bottom = window.innerHeight * (phone ? 0.45 : 1) - 16;
  if (!always && r.top >= bar + 8 && r.bottom <= bottom) return;
  const top = phone ? r.top - bar - 16 : r.top - (window.innerHeight + bar) / 2 + Math.min(r.height, window.innerHeight / 3) / 2;
  window.scrollTo({ top: Math.max(0, window.scrollY + top) });
}

function SourceHeader(props: { doc: SourceDocument }) {
  const s = props.doc.source;
  const facts = new Set(props.doc.claims.map((c) => c.fact.fact_id)).size;
  return (
    <header class="src-head card">
      <div class="src-kicker">
        <Link href={href('sources')}>Sources</Link>
        <span class="muted"> / </span>
        <span class="badge">{words(s.kind)}</span>
        <span class="muted">{datasetLabel(s.dataset)}</span>
      </div>
      <h1 data-testid="source-title">{s.title}</h1>
      <p class="src-byline">
        {[s.publisher, s.author, dateWords(s.date)].filter(Boolean).join(' · ')}
        {s.url ? (
          <>
            {' · '}
            <a href={s.url} rel="noreferrer noopener" target="_blank">{s.url.replace(/^https?:\/\//, '')}</a>
          </>
        ) : null}
      </p>
      <p class="muted src-small">
        {s.claims.toLocaleString('en')} claim{s.claims === 1 ? '' : 's'} on {facts.toLocaleString('en')} fact{facts === 1 ? '' : 's'}
        {s.length ? ` · ${s.length.toLocaleString('en')} characters` : ''}
        {s.sha256 ? <> · SHA-256 <code title={s.sha256}>{s.sha256.slice(0, 12)}…</code></> : null}
      </p>
    </header>
  );
}

// The entities a source's claims name, most cited first.
function CitedEntities(props: { claims: SourceClaim[] }) {
  const counts = new Map<string, { e: EntityRef; n: number }>();
  for (const c of props.claims)
    for (const e of c.fact.entities) {
      const x = counts.get(e.id);
      if (x) x.n++;
      else counts.set(e.id, { e, n: 1 });
    }
  const list = [...counts.values()].sort((a, b) => b.n - a.n || a.e.name.localeCompare(b.e.name));
  if (!list.length) return null;
  return (
    <ul class="plain src-entities" data-testid="cited-entities">
      {list.map(({ e, n }) => (
        <li key={e.id}>
          <EntityLink entity={e} /> <span class="muted">{n}</span>
        </li>
      ))}
    </ul>
  );
}

function Panel(props: {
  doc: SourceDocument;
  chosen: number[];
  onClose: () => void;
  onStep: (d: 1 | -1) => void;
}) {
  const { doc, chosen } = props;
  if (!chosen.length)
    return (
      <div class="src-panel-body">
        <h2>Cited in this source</h2>
        <p class="muted src-small">Click a highlighted passage (or Tab to it and press Enter) to see the claims that cite it; <kbd>n</kbd> and <kbd>p</kbd> step through them.</p>
        <CitedEntities claims={doc.claims} />
      </div>
    );
  const claims = chosen.map((i) => doc.claims[i]);
  return (
    <div class="src-panel-body" data-testid="span-claims">
      <div class="src-panel-head">
        <h2>
          {claims.length} claim{claims.length === 1 ? '' : 's'} cite{claims.length === 1 ? 's' : ''} this
        </h2>
        <span class="src-panel-nav">
          <button type="button" class="secondary" onClick={() => props.onStep(-1)} aria-label="Previous cited passage">←</button>
          <button type="button" class="secondary" onClick={() => props.onStep(1)} aria-label="Next cited passage">→</button>
          <button type="button" class="secondary" onClick={props.onClose} aria-label="Close">✕</button>
        </span>
      </div>
      <div class="src-panel-claims">
        {claims.map((c) => (
          <div key={c.claim_id} class="src-claim">
            <div class="src-fact"><FactLine fact={c.fact} /></div>
            <ClaimView claim={c} />
          </div>
        ))}
      </div>
    </div>
  );
}

function Text(props: {
  text: string;
  segs: Segment[];
  target: number; // index of the URL's span among the covers (-1: none)
  chosen: Set<number>;
  onChoose: (covers: number[]) => void;
}) {
  const { text, segs, target, chosen } = props;
  let firstTarget = true;
  return (
    <div class="src-text" dir="auto" data-testid="source-text">
      {segs.map((s, i) => {
        const piece = text.slice(s.start, s.end);
        const cites = s.covers.filter((c) => c !== target);
        const isTarget = target >= 0 && s.covers.includes(target);
        if (!cites.length && !isTarget) return piece;
        const depth = Math.min(cites.length, 3);
        const selected = cites.some((c) => chosen.has(c));
        const cls = `cite d${depth}${isTarget ? ' target' : ''}${selected ? ' selected' : ''}`;
        const idAttr = isTarget && firstTarget ? 'span-target' : undefined;
        if (isTarget) firstTarget = false;
        return (
          <mark
            key={i}
            id={idAttr}
            class={cls}
            tabIndex={cites.length ? 0 : -1}
            role={cites.length ? 'button' : undefined}
            aria-label={cites.length ? `cited by ${cites.length} claim${cites.length === 1 ? '' : 's'}` : undefined}
            data-claims={cites.join(' ')}
            onClick={() => cites.length && props.onChoose(cites)}
            onKeyDown={(e) => {
              if ((e.key === 'Enter' || e.key === ' ') && cites.length) {
                e.preventDefault();
                props.onChoose(cites);
              }
            }}
          >
            {piece}
          </mark>
        );
      })}
    </div>
  );
}

// A source without stored text: its claims with their list references.
function ClaimTable(props: { doc: SourceDocument; more: () => void; loading: boolean }) {
  const { doc } = props;
  return (
    <div class="card src-notext">
      <p class="muted">
        This source’s text is not stored ({doc.source.kind === 'list' ? 'an official list: its claims cite entries by reference' : 'load it with vigil load --texts DIR'}).
        {' '}Its claims:
      </p>
      <div class="src-table-wrap">
        <table class="src-table">
          <thead>
            <tr>
              <th>Entry</th>
              <th>Fact</th>
              <th>Stance</th>
            </tr>
          </thead>
          <tbody>
            {doc.claims.map((c) => (
              <tr key={c.claim_id}>
                <td class="nowrap"><code>{c.locator ?? (c.span ? spanKey(c.span) : '—')}</code></td>
                <td><FactLine fact={c.fact} /></td>
                <td>{c.stance}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {doc.claims.length < doc.source.claims ? (
        <button type="button" class="secondary src-more" onClick={props.more} disabled={props.loading}>
          {props.loading ? 'Loading…' : `Show more (${(doc.source.claims - doc.claims.length).toLocaleString('en')} left)`}
        </button>
      ) : null}
    </div>
  );
}

function SourceReader(props: { id: string; span: [number, number] | null }) {
  const [limit, setLimit] = useState(1000);
  const loaded = useApi<SourceDocument>(`/v1/sources/${encodeURIComponent(props.id)}${limit !== 1000 ? `?limit=${limit}` : ''}`);
  const doc = loaded.data;
  useTitle(doc ? doc.source.title : props.id);
  const [chosen, setChosen] = useState<number[]>([]);

  const text = doc?.text ?? null;
  const index = useMemo(() => (text !== null ? codePointIndex(text) : null), [text]);
  const spans = useMemo(() => (doc && index ? doc.claims.map((c) => (c.span ? toUtf16(index, c.span) : null)) : []), [doc, index]);
  const target16 = props.span && index ? toUtf16(index, props.span) : null;
  const segs = useMemo(
    () => (text !== null ? segments(text, target16 ? [...spans, target16] : spans) : []),
    [text, spans, target16?.[0], target16?.[1]],
  );
  const target = target16 ? spans.length : -1;
  // Distinct cited spans in reading order, for stepping with n / p.
  const stops = useMemo(() => {
    const seen = new Map<string, number[]>();
    doc?.claims.forEach((c, i) => {
      if (!c.span || !spans[i]) return;
      const k = spanKey(c.span);
      if (!seen.has(k)) seen.set(k, []);
      seen.get(k)!.push(i);
    });
    return [...seen.values()];
  }, [doc, spans]);

  // The URL's span (from a link): the claims citing exactly it are chosen,
  // and it is scrolled into view once the text is on screen. A span this
  // view put in the URL itself (a click, n / p) changes neither.
  const own = useRef<string | null>(null);
  useEffect(() => {
    if (!doc || !props.span) return;
    if (own.current === spanKey(props.span)) return;
    own.current = null;
    const exact = doc.claims.map((c, i) => (c.span && c.span[0] === props.span![0] && c.span[1] === props.span![1] ? i : -1)).filter((i) => i >= 0);
    setChosen(exact);
    requestAnimationFrame(() => reveal(true));
  }, [doc, props.span?.[0], props.span?.[1]]);

  // Chooses the claims citing a passage, innermost span first; the URL
  // takes the innermost span.
  const choose = (covers: number[], scroll: boolean) => {
    if (!doc) return;
    const width = (i: number) => (doc.claims[i].span ? doc.claims[i].span![1] - doc.claims[i].span![0] : Infinity);
    const claims = [...covers].sort((a, b) => width(a) - width(b) || a - b);
    setChosen(claims);
    const span = doc.claims[claims[0]]?.span;
    if (!span) return;
    own.current = spanKey(span);
    setQuery({ span: own.current });
    if (scroll) requestAnimationFrame(() => reveal(false));
  };
  const step = (d: 1 | -1) => {
    if (!stops.length) return;
    const cur = stops.findIndex((s) => chosen.length > 0 && s.includes(chosen[0]));
    const next = cur < 0 ? (d > 0 ? 0 : stops.length - 1) : (cur + d + stops.length) % stops.length;
    choose(stops[next], true);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingIn(e)) return;
      if (e.key === 'n') step(1);
      else if (e.key === 'p') step(-1);
      else if (e.key === 'Escape') setChosen([]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (loaded.error) {
    const e = loaded.error;
    return (
      <div>
        <ErrorBox error={e} />
        {e instanceof ApiError && e.code === 'not_found' ? <p><Link href={href('sources')}>All sources →</Link></p> : null}
      </div>
    );
  }
  if (!doc)
    return (
      <div class="src" aria-busy="true">
        <Loading label="Loading the source…" />
        <div class="src-grid">
          <div class="card kb-skeleton" style={{ height: '70vh' }} />
          <div class="card kb-skeleton" style={{ height: '40vh' }} />
        </div>
      </div>
    );

  const chosenSet = new Set(chosen);
  const badSpan = props.span && !target16;
  return (
    <article class="src" data-testid="source-reader" data-id={doc.source.id}>
      <SourceHeader doc={doc} />
      {badSpan ? <ErrorBox error={new Error(`The span ${spanKey(props.span!)} in the URL does not fit this source’s text (${doc.source.length ?? 0} characters).`)} /> : null}
      {text !== null && doc.claims.length < doc.source.claims ? (
        <p class="muted src-small">
          The first {doc.claims.length.toLocaleString('en')} of {doc.source.claims.toLocaleString('en')} citations are highlighted.{' '}
          <button type="button" class="link" onClick={() => setLimit((l) => Math.min(10000, l + 4000))} disabled={loaded.loading}>
            Highlight more
          </button>
        </p>
      ) : null}
      {text === null ? (
        <ClaimTable doc={doc} loading={loaded.loading} more={() => setLimit((l) => Math.min(10000, l + 1000))} />
      ) : (
        <div class="src-grid">
          <div class="card src-reading">
            <Text
              text={text}
              segs={segs}
              target={target}
              chosen={chosenSet}
              onChoose={(covers) => choose(covers, false)}
            />
          </div>
          <aside class={`card src-panel${chosen.length ? ' open' : ''}`} aria-label="Claims citing the passage" aria-live="polite">
            <Panel doc={doc} chosen={chosen} onClose={() => { setChosen([]); setQuery({ span: undefined }); }} onStep={step} />
          </aside>
        </div>
      )}
    </article>
  );
}
