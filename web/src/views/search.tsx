// Search (/ui/search?q=&kind=&dataset=): one box that finds any entity,
// curated or listed, by any of its names in any script (GET /v1/search),
// with results as you type, arrow keys and Enter to open one, and each
// result's kind, the name that matched in its own script and direction, and
// whether it is designated. TopSearch is the top bar's compact box ('/'
// focuses it) with the first few results under it.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { query } from '../lib/api';
import { useApi, useDebounced, useTitle } from '../lib/hooks';
import { Link, entityHref, href, navigate, setQuery } from '../lib/router';
import { Empty, ErrorBox, Foreign, typingIn } from '../lib/ui';
import { datasetLabel, detectScript, nameKind, scriptName, countryName, words, type SearchAnswer, type SearchHit } from '../lib/knowledge';
import '../lib/claims.css'; // the score meter
import './knowledge.css';
import './search.css';

const DEBOUNCE_MS = 180;
const PAGE = 20;

function searchPath(q: string, limit: number, kind = '', dataset = ''): string | null {
  const text = q.trim();
  if (!text) return null;
  return '/v1/search' + query({ q: text, limit, kind: kind || undefined, dataset: dataset || undefined });
}

const SAME_TEXT = new Intl.Collator(undefined, { sensitivity: 'base' });

// The name that met the query, in its own script and direction.
function MatchedName(props: { hit: SearchHit }) {
  const m = props.hit.matched_name;
  if (!m?.text) return null;
  const script = m.script || detectScript(m.text) || undefined;
  const same = SAME_TEXT.compare(m.text, props.hit.name) === 0;
  if (same) return null;
  return (
    <span class="srch-matched" data-testid="matched-name">
      <span class="muted">as</span>{' '}
      <Foreign text={m.text} script={script} class="srch-matched-text" />
      <span class="muted srch-matched-meta">
        {[m.type ? nameKind(m.type) : '', script && script !== 'Latn' ? scriptName(script) : ''].filter(Boolean).join(' · ')}
      </span>
    </span>
  );
}

function Designated(props: { hit: SearchHit }) {
  const h = props.hit;
  if (!h.listed) return null;
  return (
    <span class="srch-designated">
      <span class="badge designated" title={h.programs?.length ? `programs: ${h.programs.join(', ')}` : 'on a sanctions list'}>designated</span>
      {(h.references ?? []).slice(0, 3).map((r) => (
        <span key={r} class="badge ref">{r}</span>
      ))}
    </span>
  );
}

// One result: kind, name, the matched name, designation, dataset, score.
function SearchHitRow(props: { hit: SearchHit; compact?: boolean }) {
  const h = props.hit;
  const facts = [
    datasetLabel(h.dataset),
    h.birth_dates?.length ? `born ${h.birth_dates.join(', ')}` : '',
    h.nationalities?.length ? h.nationalities.map(countryName).join(', ') : '',
    h.programs?.length && !props.compact ? h.programs.join(', ') : '',
  ].filter(Boolean);
  return (
    <div class={`srch-hit${props.compact ? ' compact' : ''}`}>
      <span class={`srch-kind k-${h.kind}`} title={words(h.kind)} aria-hidden="true">
        {h.kind === 'person' ? 'P' : h.kind === 'organization' ? 'O' : h.kind === 'state' ? 'S' : h.kind === 'government_body' ? 'G' : h.kind[0]?.toUpperCase()}
      </span>
      <span class="srch-main">
        <span class="srch-line">
          <Link href={entityHref(h.id)} class="srch-name" data-testid="hit-name"><bdi>{h.name}</bdi></Link>
          <span class="badge kind">{words(h.kind)}</span>
          <Designated hit={h} />
        </span>
        <MatchedName hit={h} />
        {!props.compact ? (
          <span class="srch-facts muted">
            {facts.join(' · ')}
            {h.linked ? (
              <>
                {' · '}
                <Link href={entityHref(h.linked)}>{h.dataset === 'curated' ? `its list record ${h.linked}` : 'its card in the knowledge base'}</Link>
              </>
            ) : null}
          </span>
        ) : null}
      </span>
      <span class="srch-score" title={`score ${h.score.toFixed(3)}`}>
        <span class="kb-meter" aria-hidden="true"><span style={{ width: `${Math.round(h.score * 100)}%` }} /></span>
        <span class="kb-conf-num">{h.score.toFixed(2)}</span>
      </span>
    </div>
  );
}

// Arrow keys over a list of results: the active index, and a key handler
// for the input that owns the list. A new answer (answer: its identity)
// clears the choice, even when it has as many results as the last: Enter
// must not open a result the user did not choose.
function useActive(count: number, answer: unknown, open: (i: number) => void) {
  const [active, setActive] = useState(-1);
  useEffect(() => setActive(-1), [count, answer]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (!count) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % count);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a <= 0 ? count - 1 : a - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      open(active);
    }
  };
  return { active, setActive, onKeyDown };
}

const EXAMPLES = ['Haqqani', 'سراج الدين حقاني', 'Сеть Хаккани', 'ISIS-K', 'Interior Ministry'];

export function SearchView(props: ViewProps) {
  const q0 = props.route.query.get('q') ?? '';
  const kind = props.route.query.get('kind') ?? '';
  const dataset = props.route.query.get('dataset') ?? '';
  const [text, setText] = useState(q0);
  const [limit, setLimit] = useState(PAGE);
  const settled = useDebounced(text, DEBOUNCE_MS);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  useTitle(settled.trim() ? `Search: ${settled.trim()}` : 'Search');

  // The URL follows the settled query (shareable); back/forward follow the URL.
  useEffect(() => {
    if (settled.trim() !== (props.route.query.get('q') ?? '')) setQuery({ q: settled.trim() || undefined });
  }, [settled]);
  useEffect(() => {
    if (q0 !== settled.trim()) setText(q0);
  }, [q0]);
  useEffect(() => setLimit(PAGE), [settled, kind, dataset]);
  useEffect(() => input.current?.focus(), []);

  const found = useApi<SearchAnswer>(searchPath(settled, limit, kind, dataset));
  const data = settled.trim() ? found.data : undefined;
  const results = data?.results ?? [];
  const { active, setActive, onKeyDown } = useActive(results.length, data, (i) => navigate(entityHref(results[i].id)));
  useEffect(() => {
    if (active >= 0) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const stale = found.loading || text.trim() !== settled.trim();
  return (
    <section class="srch-page" aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <form class="srch-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="srch-box">
          <label for="search-q" class="sr-only">Name, in any script</label>
          <input
            id="search-q"
            ref={input}
            data-slash-focus
            type="search"
            autocomplete="off"
            spellcheck={false}
            dir="auto"
            placeholder="A name in any script: Haqqani, حقانی, Хаккани…"
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
            onKeyDown={onKeyDown}
            role="combobox"
            list={undefined}
            aria-expanded={results.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
            data-testid="search-input"
          />
          {stale && settled.trim() ? <span class="spinner srch-spin" aria-hidden="true" /> : null}
        </div>
        <div class="srch-filters">
          <label class="srch-filter">
            <span>Kind</span>
            <select value={kind} onChange={(e) => setQuery({ kind: (e.target as HTMLSelectElement).value || undefined })}>
              <option value="">any</option>
              <option value="person">person</option>
              <option value="organization">organization</option>
              {/* A kind from a link that the list does not offer is still shown as chosen. */}
              {kind && kind !== 'person' && kind !== 'organization' ? <option value={kind}>{words(kind)}</option> : null}
            </select>
          </label>
          <label class="srch-filter">
            <span>In</span>
            <select value={dataset} onChange={(e) => setQuery({ dataset: (e.target as HTMLSelectElement).value || undefined })}>
              <option value="">every list and the knowledge base</option>
              <option value="curated">the knowledge base</option>
              <option value="un-consolidated">UN consolidated list</option>
              <option value="ofac-sdn">OFAC SDN list</option>
              {dataset && !['curated', 'un-consolidated', 'ofac-sdn'].includes(dataset) ? <option value={dataset}>{datasetLabel(dataset)}</option> : null}
            </select>
          </label>
        </div>
      </form>

      <p class="srch-status muted" aria-live="polite" data-testid="search-status">
        {!settled.trim()
          ? 'Type a name or part of one; spelling, script and diacritics do not matter.'
          : found.error
            ? ''
            : data
              ? `${data.total.toLocaleString('en')} result${data.total === 1 ? '' : 's'} for “${data.query}”${data.total > results.length ? `, best ${results.length} shown` : ''}${results.length ? ' · ↑↓ to choose, Enter to open' : ''}`
              : 'Searching…'}
      </p>

      {found.error && settled.trim() ? <ErrorBox error={found.error} /> : null}
      {!settled.trim() ? (
        <div class="srch-examples">
          <span class="muted">Try</span>
          {EXAMPLES.map((x) => (
            <button key={x} type="button" class="secondary" onClick={() => { setText(x); input.current?.focus(); }}>
              <bdi>{x}</bdi>
            </button>
          ))}
        </div>
      ) : data && !results.length ? (
        <Empty>No entity or listed record has a name like “{data.query}”.</Empty>
      ) : null}

      <ul id={listId} class={`srch-results${stale ? ' stale' : ''}`} role="listbox" aria-label="Results" data-testid="search-results">
        {results.map((h, i) => (
          <li
            key={h.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onClick={(e) => {
              if (!(e.target as HTMLElement).closest('a')) navigate(entityHref(h.id));
            }}
            data-id={h.id}
          >
            <SearchHitRow hit={h} />
          </li>
        ))}
      </ul>
      {data && data.total > results.length && limit < 500 ? (
        <button type="button" class="secondary srch-more" onClick={() => setLimit((l) => Math.min(500, l + PAGE * 2))} disabled={found.loading}>
          Show more ({(data.total - results.length).toLocaleString('en')} left)
        </button>
      ) : null}
    </section>
  );
}

// The top bar's search box: the first results under it as you type, arrow
// keys and Enter; Enter with none chosen opens the search view. '/'
// anywhere focuses the view's own main field (data-slash-focus: the search
// view's box, the screening desk's name), else this one.
export function TopSearch(props: { hidden?: boolean }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const settled = useDebounced(text, DEBOUNCE_MS);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  // The list closes a moment after the box loses the focus (a click on a
  // result lands first); coming back to the box in that moment keeps it.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(closing.current), []);
  const found = useApi<SearchAnswer>(open ? searchPath(settled, 6) : null);
  const results = settled.trim() && open ? (found.data?.results ?? []) : [];
  const go = (to: string) => {
    setOpen(false);
    setText('');
    input.current?.blur();
    navigate(to);
  };
  const { active, setActive, onKeyDown } = useActive(results.length, found.data, (i) => go(entityHref(results[i].id)));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typingIn(e)) return;
      const target = document.querySelector<HTMLInputElement>('[data-slash-focus]') ?? input.current;
      if (!target) return;
      e.preventDefault();
      target.focus();
      target.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (props.hidden) return null;
  return (
    <form
      class="topsearch"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) go(href('search') + query({ q: text.trim() }));
      }}
    >
      <label for="topsearch-q" class="sr-only">Search names</label>
      <input
        id="topsearch-q"
        ref={input}
        type="search"
        autocomplete="off"
        spellcheck={false}
        dir="auto"
        placeholder="Search names"
        value={text}
        onInput={(e) => {
          setText((e.target as HTMLInputElement).value);
          setOpen(true);
        }}
        onFocus={() => {
          clearTimeout(closing.current);
          setOpen(true);
        }}
        onBlur={() => {
          closing.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setOpen(false);
            input.current?.blur();
          } else onKeyDown(e);
        }}
        role="combobox"
        list={undefined}
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        data-testid="topsearch-input"
      />
      <kbd class="topsearch-key" aria-hidden="true">/</kbd>
      {open && settled.trim() && found.error ? (
        <div class="topsearch-results" role="alert">
          <span class="topsearch-error">{found.error.message}</span>
        </div>
      ) : results.length ? (
        <ul id={listId} class="topsearch-results" role="listbox" aria-label="Quick results">
          {results.map((h, i) => (
            <li
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                go(entityHref(h.id));
              }}
            >
              <SearchHitRow hit={h} compact />
            </li>
          ))}
          <li class="topsearch-all" onMouseDown={(e) => { e.preventDefault(); go(href('search') + query({ q: text.trim() })); }}>
            All {found.data?.total ?? ''} results for “<bdi>{text.trim()}</bdi>” →
          </li>
        </ul>
      ) : null}
    </form>
  );
}
