// The network explorer (/ui/network): the knowledge base as a graph around
// one or more entities (GET /v1/graph), as it stood on a day, expanded
// node by node, filtered by predicate, party and confidence, sized by a
// measure (GET /v1/rank) and coloured by community (GET /v1/communities);
// or, in exposure mode, the paths from a partner or a ministry to the
// designated entities it reaches (GET /v1/exposure/{name}). Every relation
// opens its claims. Everything the view shows is in its URL:
//
//   /ui/network?focus=haqqani-network&as_of=2020-06&expand=taliban&sel=n:taliban
//   /ui/network?mode=exposure&from=Interior%20Ministry&as_of=2023&target=al-qaeda
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { useApi, useDebounced, useTitle } from '../lib/hooks';
import { query } from '../lib/api';
import { Link, entityHref, setQuery } from '../lib/router';
import { ErrorBox, Loading } from '../lib/ui';
import type { CommunitiesAnswer, ExposureAnswer, GraphAnswer, RankRow } from '../lib/kb-types';
import { words } from '../lib/knowledge';
import { edgeLabel, fromExposure, fromGraph, litByExposure, withCommunities, withMeasure, type EdgeModel, type Model, type NodeModel } from '../lib/network-model';
import { NetworkCanvas, type CanvasHandle, type Selection } from '../lib/network-canvas';
import { EntityPicker } from '../lib/network-picker';
import { ClaimList } from '../lib/claims';
import { DESIGNATED, KINDS, PREDICATES, kindLook } from '../lib/network-style';
import { toGraphMl } from '../lib/network-export';
import { download } from '../lib/download';
import { daysInMonth, isoDay, monthIndex, monthOf, monthText, spanWords } from '../lib/partial-dates';
import '../lib/explore.css';
import './network.css';

const MEASURES: [string, string][] = [
  ['relations', 'relations in view'],
  ['degree', 'degree'],
  ['betweenness', 'betweenness'],
  ['closeness', 'closeness'],
  ['harmonic', 'harmonic'],
  ['pagerank', 'PageRank'],
  ['eigenvector', 'eigenvector'],
  ['kcore', 'k-core'],
  ['constraint', 'constraint (brokers big)'],
  ['effective-size', 'effective size'],
];
const NODE_LIMIT = 2000;

interface State {
  mode: 'explore' | 'exposure';
  focus: string[];
  expand: string[];
  all: boolean;
  depth: number;
  asOf: string;
  predicates: string[];
  party: string;
  minConfidence: number;
  size: string;
  colour: 'kind' | 'community';
  from: string;
  hops: number;
  target: string;
  sel: string; // "n:<id>" | "e:<edge id>"
  tab: string;
}

function readState(q: URLSearchParams): State {
  const list = (k: string) =>
    (q.get(k) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const int = (k: string, lo: number, hi: number, dflt: number) => {
    const v = Number.parseInt(q.get(k) ?? '', 10);
    return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : dflt;
  };
  const conf = Number.parseFloat(q.get('min_confidence') ?? '');
  return {
    mode: q.get('mode') === 'exposure' ? 'exposure' : 'explore',
    focus: list('focus'),
    expand: list('expand'),
    all: q.get('all') === '1',
    depth: int('depth', 0, 6, 1),
    asOf: q.get('as_of') ?? '',
    predicates: list('predicate'),
    party: q.get('party') ?? '',
    minConfidence: Number.isFinite(conf) ? Math.min(1, Math.max(0, conf)) : 0,
    size: MEASURES.some(([m]) => m === q.get('size')) ? q.get('size')! : 'relations',
    colour: q.get('colour') === 'community' ? 'community' : 'kind',
    from: q.get('from') ?? '',
    hops: int('hops', 1, 8, 4),
    target: q.get('target') ?? '',
    sel: q.get('sel') ?? '',
    tab: q.get('tab') ?? '',
  };
}

const joined = (xs: string[]) => (xs.length ? xs.join(',') : undefined);
// A select's choices with the URL's value among them (a link may ask for a
// depth or a number of hops the list does not offer; the select shows it).
const withValue = (choices: number[], value: number) => (choices.includes(value) ? choices : [...choices, value].sort((a, b) => a - b));

export function NetworkView({ route }: ViewProps) {
  const s = readState(route.query);
  useTitle(s.mode === 'exposure' ? 'Exposure' : 'Network');
  const view = {
    as_of: s.asOf || undefined,
    predicate: joined(s.predicates),
    party: s.party || undefined,
    min_confidence: s.minConfidence > 0 ? s.minConfidence : undefined,
  };
  const focusAll = [...s.focus, ...s.expand.filter((x) => !s.focus.includes(x))];
  const graphPath =
    s.mode === 'explore' && (focusAll.length || s.all)
      ? '/v1/graph' + query({ focus: s.all ? undefined : joined(focusAll), depth: s.all ? undefined : s.depth, limit: NODE_LIMIT, claims: 'false', ...view })
      : null;
  const exposurePath =
    s.mode === 'exposure' && s.from ? `/v1/exposure/${encodeURIComponent(s.from)}` + query({ max_hops: s.hops, paths: 3, ...view }) : null;
  const active = graphPath !== null || exposurePath !== null;
  const graph = useApi<GraphAnswer>(graphPath);
  const exposure = useApi<ExposureAnswer>(exposurePath);
  const rank = useApi<RankRow[]>(active && s.size !== 'relations' ? '/v1/rank' + query({ measure: s.size, ...view }) : null);
  const communities = useApi<CommunitiesAnswer>(active && s.colour === 'community' ? '/v1/communities' + query(view) : null);

  const base: Model | undefined = useMemo(() => {
    if (s.mode === 'explore') return graphPath && graph.data ? fromGraph(graph.data, new Set(s.expand), false) : undefined;
    return exposurePath && exposure.data ? fromExposure(exposure.data) : undefined;
  }, [s.mode, graph.data, exposure.data, graphPath === null, exposurePath === null, s.expand.join(',')]);
  const model = useMemo(
    () => (base ? withCommunities(withMeasure(base, s.size !== 'relations' ? rank.data : undefined), s.colour === 'community' ? communities.data : undefined) : undefined),
    [base, rank.data, communities.data, s.size, s.colour],
  );
  const lit = useMemo(
    () => (s.mode === 'exposure' && exposure.data && s.target ? litByExposure(exposure.data, s.target) : null),
    [s.mode, exposure.data, s.target],
  );

  const selection: Selection = s.sel.startsWith('n:') ? { node: s.sel.slice(2) } : s.sel.startsWith('e:') ? { edge: s.sel.slice(2) } : null;
  const select = (x: Selection) => setQuery({ sel: x ? ('node' in x ? 'n:' + x.node : 'e:' + x.edge) : null, tab: x ? 'details' : s.tab || null });
  const expand = (id: string) => {
    if (s.mode !== 'explore' || s.all) return;
    if (s.focus.includes(id) || s.expand.includes(id)) return;
    setQuery({ expand: [...s.expand, id].join(','), sel: 'n:' + id });
  };
  const canvas = useRef<CanvasHandle | null>(null);
  const error = (s.mode === 'explore' ? graph.error : exposure.error) ?? rank.error ?? communities.error;
  const busy = (s.mode === 'explore' ? graph.loading : exposure.loading) || rank.loading || communities.loading;

  // A drawing too big for the browser's canvas fails to export: said
  // beside the buttons rather than left as an unhandled rejection.
  const [exportError, setExportError] = useState<unknown>(null);
  const exportPng = async () => {
    setExportError(null);
    try {
      const blob = await canvas.current?.png();
      if (blob) download(blob, fileName(s, 'png'));
    } catch (e) {
      setExportError(e);
    }
  };
  const exportGraphMl = () => {
    if (!model) return;
    const at = canvas.current?.positions() ?? new Map();
    const xml = toGraphMl({
      asOf: s.asOf || null,
      measure: s.size !== 'relations' ? s.size : undefined,
      nodes: model.nodes.map((n) => ({ ...n, measure: n.measure ?? undefined, x: at.get(n.id)?.x, y: at.get(n.id)?.y })),
      edges: model.edges.map((e) => ({ ...e })),
    });
    download(new Blob([xml], { type: 'application/graphml+xml' }), fileName(s, 'graphml'));
  };

  const summary = model
    ? `${model.nodes.length} ${model.nodes.length === 1 ? 'entity' : 'entities'}, ${model.edges.length} ${model.edges.length === 1 ? 'relation' : 'relations'}`
    : '';
  const tabs = s.mode === 'exposure' ? ['exposure', 'details', 'nodes', 'relations'] : ['details', 'nodes', 'relations'];
  const tab = tabs.includes(s.tab) ? s.tab : tabs[0];

  return (
    <div class="network-view">
      <div class="net-head">
        <h1>{s.mode === 'exposure' ? 'Exposure' : 'Network'}</h1>
        <div class="segmented" role="group" aria-label="Mode">
          <button type="button" class={s.mode === 'explore' ? '' : 'secondary'} aria-pressed={s.mode === 'explore'} onClick={() => setQuery({ mode: null, sel: null, tab: null })}>
            Explore
          </button>
          <button type="button" class={s.mode === 'exposure' ? '' : 'secondary'} aria-pressed={s.mode === 'exposure'} onClick={() => setQuery({ mode: 'exposure', sel: null, tab: null })}>
            Exposure
          </button>
        </div>
        {s.mode === 'explore' ? (
          <div class="net-focus">
            <EntityPicker
              label="Add an entity to the network"
              testid="network-search"
              onPick={(p) => setQuery({ focus: [...s.focus.filter((f) => f !== p.id), p.id].join(','), all: null, sel: 'n:' + p.id })}
            />
            <FocusChips s={s} model={model} />
          </div>
        ) : (
          <div class="net-focus">
            <EntityPicker label="Start the exposure from" placeholder="A partner, a ministry…" testid="exposure-search" onPick={(p) => setQuery({ from: p.id, target: null, sel: null, tab: 'exposure' })} />
            {s.from ? (
              <span class="chip">
                from <strong>{(!exposure.loading && exposure.data?.start.name) || s.from}</strong>
              </span>
            ) : null}
          </div>
        )}
        <span class="net-export" role="group" aria-label="Export the view">
          <button type="button" class="secondary" disabled={!model} onClick={exportPng} title="The drawing as a PNG image">
            PNG
          </button>
          <button type="button" class="secondary" disabled={!model} onClick={exportGraphMl} title="The entities and relations shown, as GraphML (Gephi, yEd, NetworkX, vigil)">
            GraphML
          </button>
        </span>
      </div>

      <Toolbar s={s} />

      {error ? <ErrorBox error={error} /> : null}
      {exportError ? <ErrorBox error={exportError} /> : null}
      {model?.truncated ? (
        <p class="hint net-note" role="note">
          The neighbourhood holds more than {NODE_LIMIT} entities: the nearest {NODE_LIMIT} are shown. Lower the depth or filter by predicate.
        </p>
      ) : null}

      <div class="net-main">
        <section class="net-stage" aria-label="Graph">
          {!active ? (
            <StartHere s={s} />
          ) : (
            <NetworkCanvas
              model={model}
              sizeBy={s.size}
              colourBy={s.colour}
              selection={selection}
              lit={lit}
              onSelect={select}
              onExpand={expand}
              handle={canvas}
              busy={busy && !error}
              label={`Network of ${summary || 'entities'}${s.asOf ? ` as of ${s.asOf}` : ''}`}
            />
          )}
          {active ? <Legend /> : null}
        </section>
        <aside class="net-side card" aria-label="Details">
          <div
            class="tabs"
            role="tablist"
            aria-label="Side panel"
            onKeyDown={(e) => {
              // The tabs pattern: arrow keys (and Home, End) move between tabs.
              const at = tabs.indexOf(tab);
              const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
              if (to === undefined) return;
              e.preventDefault();
              const next = tabs[(to + tabs.length) % tabs.length];
              setQuery({ tab: next });
              document.getElementById('net-tab-' + next)?.focus();
            }}
          >
            {tabs.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={'net-tab-' + t}
                tabIndex={tab === t ? 0 : -1}
                aria-selected={tab === t}
                aria-controls="net-tabpanel"
                class={tab === t ? 'tab active' : 'tab'}
                onClick={() => setQuery({ tab: t })}
              >
                {t === 'nodes' ? `Entities${model ? ` (${model.nodes.length})` : ''}` : t === 'relations' ? `Relations${model ? ` (${model.edges.length})` : ''}` : t === 'exposure' ? 'Exposure' : 'Details'}
              </button>
            ))}
          </div>
          <div class="tabpanel" role="tabpanel" id="net-tabpanel" aria-labelledby={'net-tab-' + tab}>
            {tab === 'exposure' ? (
              <ExposurePanel s={s} answer={exposure.data} loading={exposure.loading} onSelect={select} />
            ) : tab === 'nodes' ? (
              <NodeList model={model} lit={lit} selection={selection} onSelect={select} onExpand={expand} canExpand={s.mode === 'explore' && !s.all} />
            ) : tab === 'relations' ? (
              <EdgeList model={model} lit={lit} selection={selection} onSelect={select} />
            ) : (
              <Details s={s} view={view} model={model} selection={selection} summary={summary} onSelect={select} onExpand={expand} />
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}

function fileName(s: State, ext: string): string {
  const who = s.mode === 'exposure' ? 'exposure-' + (s.from || 'none') : s.all ? 'all' : s.focus.join('+') || 'network';
  return `vigil-${who.replace(/[^a-z0-9+-]+/gi, '-').slice(0, 60)}${s.asOf ? '-' + s.asOf : ''}.${ext}`;
}

function FocusChips({ s, model }: { s: State; model: Model | undefined }) {
  const name = (id: string) => model?.nodes.find((n) => n.id === id)?.name ?? id;
  if (s.all)
    return (
      <span class="chip">
        the whole network{' '}
        <button type="button" class="chip-x" aria-label="Stop showing the whole network" onClick={() => setQuery({ all: null, sel: null })}>
          ×
        </button>
      </span>
    );
  return (
    <>
      {s.focus.map((id) => (
        <span class="chip focus" key={id}>
          {name(id)}
          <button
            type="button"
            class="chip-x"
            aria-label={`Remove ${name(id)} from the focus`}
            onClick={() => setQuery({ focus: joined(s.focus.filter((f) => f !== id)) ?? null, sel: null })}
          >
            ×
          </button>
        </span>
      ))}
      {s.expand.length ? (
        <span class="chip">
          {s.expand.length} expanded{' '}
          <button type="button" class="chip-x" aria-label="Collapse the expanded entities" onClick={() => setQuery({ expand: null })}>
            ×
          </button>
        </span>
      ) : null}
    </>
  );
}

// The date slider (months, with a day field beside it), filters, measure,
// colours and exports.
function Toolbar({ s }: { s: State }) {
  const now = new Date();
  const min = monthIndex(1970, 1);
  const max = monthIndex(now.getFullYear(), now.getMonth() + 1);
  const urlMonth = s.asOf ? monthIndex(Number(s.asOf.slice(0, 4)), s.asOf.length >= 7 ? Number(s.asOf.slice(5, 7)) : 12) : max;
  const [month, setMonth] = useState(urlMonth);
  useEffect(() => setMonth(urlMonth), [urlMonth]);
  const settled = useDebounced(month, 180);
  useEffect(() => {
    if (s.asOf && settled !== urlMonth) setQuery({ as_of: monthText(settled) });
  }, [settled]);
  const { year, month: m } = monthOf(month);
  const day = s.asOf.length === 10 ? s.asOf : isoDay(year, m, daysInMonth(year, m));
  const [party, setParty] = useState(s.party);
  useEffect(() => setParty(s.party), [s.party]);
  const confidence = Math.round(s.minConfidence * 100);
  // At phone width the filters fold away behind a button (always shown wider).
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersSet = s.predicates.length + (s.party ? 1 : 0) + (s.minConfidence > 0 ? 1 : 0);

  return (
    <div class="net-toolbar card">
      <div class="net-date">
        <label class="inline">
          <input
            type="checkbox"
            checked={!s.asOf}
            onChange={(e) => setQuery({ as_of: (e.target as HTMLInputElement).checked ? null : monthText(month) })}
          />{' '}
          All time
        </label>
        <input
          type="range"
          class="net-slider"
          min={min}
          max={max}
          step={1}
          value={month}
          disabled={!s.asOf}
          aria-label="As of (month)"
          aria-valuetext={s.asOf ? `as of ${monthText(month)}` : 'all time'}
          data-testid="date-slider"
          onInput={(e) => setMonth(Number((e.target as HTMLInputElement).value))}
        />
        <input
          type="date"
          class="net-day"
          aria-label="As of (day)"
          value={s.asOf ? day : ''}
          min="1970-01-01"
          onChange={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setQuery({ as_of: v || null });
          }}
        />
        <output class="net-asof" aria-live="polite" data-testid="as-of">
          {s.asOf ? `as of ${s.asOf.length === 10 ? s.asOf : monthText(month)}` : 'every relation, whatever its dates'}
        </output>
      </div>
      <button type="button" class="secondary net-filters-toggle" aria-expanded={filtersOpen} aria-controls="net-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
        Filters and display{filtersSet ? ` (${filtersSet} set)` : ''}
      </button>
      <div class={'net-filters' + (filtersOpen ? '' : ' folded')} id="net-filters">
        {s.mode === 'explore' && !s.all ? (
          <label class="inline">
            Depth{' '}
            <select value={String(s.depth)} onChange={(e) => setQuery({ depth: (e.target as HTMLSelectElement).value })}>
              {withValue([0, 1, 2, 3, 4], s.depth).map((d) => (
                <option key={d} value={String(d)}>
                  {d} {d === 1 ? 'hop' : 'hops'}
                </option>
              ))}
            </select>
          </label>
        ) : s.mode === 'exposure' ? (
          <label class="inline">
            Hops{' '}
            <select value={String(s.hops)} onChange={(e) => setQuery({ hops: (e.target as HTMLSelectElement).value })}>
              {withValue([1, 2, 3, 4, 5, 6], s.hops).map((d) => (
                <option key={d} value={String(d)}>
                  up to {d}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <details class="menu">
          <summary>
            Predicates{s.predicates.length ? ` (${s.predicates.length})` : ': all'}
          </summary>
          <div class="menu-body" role="group" aria-label="Predicates">
            <button type="button" class="link" onClick={() => setQuery({ predicate: null })}>
              all
            </button>
            {PREDICATES.map((p) => (
              <label class="inline check" key={p}>
                <input
                  type="checkbox"
                  checked={s.predicates.includes(p)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on ? [...s.predicates, p] : s.predicates.filter((x) => x !== p);
                    setQuery({ predicate: joined(next) ?? null });
                  }}
                />{' '}
                {words(p)}
              </label>
            ))}
          </div>
        </details>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery({ party: party.trim() || null });
          }}
        >
          <label class="inline">
            Party{' '}
            <input
              type="text"
              size={14}
              value={party}
              placeholder="any"
              aria-describedby="party-hint"
              onInput={(e) => setParty((e.target as HTMLInputElement).value)}
              onBlur={() => party.trim() !== s.party && setQuery({ party: party.trim() || null })}
            />
          </label>
          <span id="party-hint" class="sr-only">
            Only claims by this party: an entity's name or id, or a claim's party label. Enter applies it.
          </span>
        </form>
        <label class="inline">
          Confidence ≥{' '}
          <input
            type="range"
            min={0}
            max={100}
            step={5}
            value={confidence}
            aria-label="Minimum confidence"
            aria-valuetext={`${confidence}%`}
            onChange={(e) => setQuery({ min_confidence: Number((e.target as HTMLInputElement).value) ? String(Number((e.target as HTMLInputElement).value) / 100) : null })}
          />
          <span class="num">{confidence}%</span>
        </label>
        <label class="inline">
          Size{' '}
          <select value={s.size} onChange={(e) => setQuery({ size: (e.target as HTMLSelectElement).value === 'relations' ? null : (e.target as HTMLSelectElement).value })}>
            {MEASURES.map(([m, words]) => (
              <option key={m} value={m}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label class="inline">
          Colour{' '}
          <select value={s.colour} onChange={(e) => setQuery({ colour: (e.target as HTMLSelectElement).value === 'community' ? 'community' : null })}>
            <option value="kind">by kind</option>
            <option value="community">by community</option>
          </select>
        </label>
      </div>
    </div>
  );
}

// Where to begin: the best-connected entities, or the whole network.
function StartHere({ s }: { s: State }) {
  const top = useApi<RankRow[]>('/v1/rank' + query({ measure: 'degree', top: 8 }));
  if (s.mode === 'exposure')
    return (
      <div class="net-start">
        <h2>Who is this partner tied to?</h2>
        <p>
          Name a partner, a ministry or any entity above: vigil follows its ties up to {s.hops} hops and lights up the paths to every designated entity it reaches, each tie with the
          claims behind it.
        </p>
        <p>
          For example:{' '}
          <button type="button" class="link" onClick={() => setQuery({ from: 'Interior Ministry', tab: 'exposure' })}>
            the Interior Ministry
          </button>
        </p>
      </div>
    );
  return (
    <div class="net-start">
      <h2>Start from an entity</h2>
      <p>Find any entity by any of its names above, or begin with one of the best-connected:</p>
      {top.error ? <ErrorBox error={top.error} /> : null}
      {top.loading && !top.data ? <Loading /> : null}
      <ul class="net-start-list">
        {(top.data ?? []).map((r) => (
          <li key={r.node}>
            <button type="button" class="secondary" onClick={() => setQuery({ focus: r.node, sel: 'n:' + r.node })}>
              {r.name ?? r.node}
            </button>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" class="link" onClick={() => setQuery({ all: '1' })}>
          Show the whole network
        </button>
      </p>
    </div>
  );
}

function Legend() {
  const [open, setOpen] = useState(true);
  return (
    <div class={'net-legend' + (open ? '' : ' closed')}>
      <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide legend' : 'Legend'}
      </button>
      {open ? (
        <ul>
          {Object.entries(KINDS).map(([kind, look]) => (
            <li key={kind}>
              <Swatch kind={kind} /> {look.label}
            </li>
          ))}
          <li>
            <span class="swatch ring" style={{ borderColor: DESIGNATED }} /> designated
          </li>
          <li>
            <span class="line dashed" /> disputed (a claim denies it)
          </li>
          <li>
            <span class="line thick" /> thicker: more confident
          </li>
        </ul>
      ) : null}
    </div>
  );
}

function Swatch({ kind }: { kind: string }) {
  const look = kindLook(kind);
  return <span class={'swatch shape-' + look.shape} style={{ background: look.colour }} aria-hidden="true" />;
}

type ViewQuery = Record<string, string | number | undefined>;

function Details(props: { s: State; view: ViewQuery; model: Model | undefined; selection: Selection; summary: string; onSelect: (x: Selection) => void; onExpand: (id: string) => void }) {
  const { s, model, selection } = props;
  if (!model) return <p class="hint">{s.mode === 'exposure' ? 'Name where the exposure starts.' : 'Pick an entity to draw its network.'}</p>;
  if (selection && 'node' in selection) {
    const n = model.nodes.find((x) => x.id === selection.node);
    if (n) return <NodeDetails s={s} n={n} model={model} onSelect={props.onSelect} onExpand={props.onExpand} />;
  }
  if (selection && 'edge' in selection) {
    const e = model.edges.find((x) => x.id === selection.edge);
    if (e) return <EdgeDetails e={e} view={props.view} model={model} onSelect={props.onSelect} />;
  }
  const designated = model.nodes.filter((n) => n.designations.length).length;
  return (
    <div>
      <p>
        <strong>{props.summary}</strong>
        {s.asOf ? ` as of ${s.asOf}` : ', whatever their dates'}
        {designated ? `; ${designated} designated` : ''}.
      </p>
      {model.edges.length === 0 ? (
        <p class="state empty" data-testid="no-relations">
          No relation in this view{s.asOf ? ` on ${s.asOf}` : ''}: try another date, fewer filters, or more hops.
        </p>
      ) : null}
      <p class="hint">
        Select an entity or a relation in the drawing or in the lists. Double-click an entity (or select it and press Enter) to add its neighbours. A dotted ring marks an entity with
        relations not drawn yet.
      </p>
    </div>
  );
}

function NodeDetails({ s, n, model, onSelect, onExpand }: { s: State; n: NodeModel; model: Model; onSelect: (x: Selection) => void; onExpand: (id: string) => void }) {
  const edges = model.edges.filter((e) => e.source === n.id || e.target === n.id);
  const hidden = n.relations - n.shown;
  const canExpand = s.mode === 'explore' && !s.all && !s.focus.includes(n.id) && !s.expand.includes(n.id);
  const attributes = Object.entries(n.attributes).filter(([k]) => k !== 'authority_code');
  return (
    <div data-testid="node-details">
      <h2 class="detail-title">
        <Swatch kind={n.kind} /> <Link href={entityHref(n.id)}>{n.name}</Link>
      </h2>
      <p class="muted">
        {kindLook(n.kind).label}
        {n.designations.length ? (
          <>
            {' · '}
            <span class="badge designated">designated: {n.designations.join(', ')}</span>
          </>
        ) : null}
        {n.measure !== undefined && s.size !== 'relations' ? ` · ${s.size} ${n.measure === null ? 'undefined' : formatMeasure(n.measure)}` : ''}
        {n.community !== undefined ? ` · community ${n.community + 1}` : ''}
      </p>
      {attributes.length ? (
        <dl class="attrs">
          {attributes.map(([k, v]) => (
            <Fragment key={k}>
              <dt>{words(k)}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      <p>
        {n.shown} of {n.relations} {n.relations === 1 ? 'relation' : 'relations'} drawn.
      </p>
      <div class="row">
        {canExpand ? (
          <button type="button" onClick={() => onExpand(n.id)} data-testid="expand">
            Expand neighbours{hidden > 0 ? ` (${hidden} more)` : ''}
          </button>
        ) : null}
        {s.mode === 'explore' && !(s.focus.length === 1 && s.focus[0] === n.id) ? (
          <button type="button" class="secondary" onClick={() => setQuery({ focus: n.id, expand: null, all: null, sel: 'n:' + n.id })}>
            Centre on it
          </button>
        ) : null}
        {s.mode === 'exposure' ? (
          <button type="button" class="secondary" onClick={() => setQuery({ mode: null, focus: n.id, expand: null, all: null, sel: 'n:' + n.id, tab: null, target: null })}>
            Explore around it
          </button>
        ) : (
          <button type="button" class="secondary" onClick={() => setQuery({ mode: 'exposure', from: n.id, target: null, sel: null, tab: 'exposure' })}>
            Exposure from it
          </button>
        )}
      </div>
      <h3>Relations drawn</h3>
      <ul class="rel-list">
        {edges.map((e) => (
          <li key={e.id}>
            <button type="button" class="link" onClick={() => onSelect({ edge: e.id })}>
              {relationWords(e, model)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function EdgeDetails({ e, view, model, onSelect }: { e: EdgeModel; view: ViewQuery; model: Model; onSelect: (x: Selection) => void }) {
  const name = (id: string) => model.nodes.find((n) => n.id === id)?.name ?? id;
  // The drawing comes without claims: the relations between the two
  // entities, with theirs (the party filter applied), when one is opened.
  const pair = useApi<GraphAnswer>(
    e.claims === null ? '/v1/graph' + query({ focus: e.source === e.target ? e.source : `${e.source},${e.target}`, depth: 0, ...view }) : null,
  );
  const claims = e.claims ?? pair.data?.edges.find((x) => x.fact_id === e.fact_id)?.claims ?? null;
  return (
    <div data-testid="edge-details">
      <h2 class="detail-title">
        <button type="button" class="link" onClick={() => onSelect({ node: e.source })}>
          {name(e.source)}
        </button>{' '}
        <span class="pred">{edgeLabel(e)}</span>{' '}
        <button type="button" class="link" onClick={() => onSelect({ node: e.target })}>
          {name(e.target)}
        </button>
      </h2>
      <p class="muted">
        {spanWords(e.from, e.to) || 'no dates given'} · confidence {Math.round(e.confidence * 100)}% · strength {e.strength.toFixed(2)}
        {e.disputed ? (
          <>
            {' · '}
            <span class="badge disputes">disputed</span>
          </>
        ) : null}
      </p>
      <h3>Claims</h3>
      {pair.error ? <ErrorBox error={pair.error} /> : null}
      {claims ? <ClaimList claims={claims} testid="edge-claims" /> : pair.loading ? <Loading label="Loading the claims…" /> : null}
    </div>
  );
}

function relationWords(e: EdgeModel, model: Model): string {
  const name = (id: string) => model.nodes.find((n) => n.id === id)?.name ?? id;
  const span = spanWords(e.from, e.to);
  const notes = [e.role, span].filter(Boolean).join('; ');
  return `${name(e.source)} ${edgeLabel(e, false)} ${name(e.target)}${notes ? ` (${notes})` : ''}`;
}

function formatMeasure(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(3);
}

function NodeList(props: {
  model: Model | undefined;
  lit: { nodes: Set<string> } | null;
  selection: Selection;
  onSelect: (x: Selection) => void;
  onExpand: (id: string) => void;
  canExpand: boolean;
}) {
  const { model, lit, selection } = props;
  const rows = useMemo(() => (model ? [...model.nodes].sort((a, b) => a.hops - b.hops || a.name.localeCompare(b.name)) : []), [model]);
  if (!model) return <p class="hint">Nothing drawn yet.</p>;
  const selected = selection && 'node' in selection ? selection.node : null;
  return (
    <ul class="net-list" data-testid="node-list">
      {rows.map((n) => (
        <li
          key={n.id}
          data-testid={'node-' + n.id}
          data-lit={lit ? String(lit.nodes.has(n.id)) : undefined}
          data-designated={n.designations.length ? 'true' : undefined}
          class={(selected === n.id ? 'selected ' : '') + (lit && lit.nodes.has(n.id) ? 'lit' : '')}
        >
          <button type="button" class="row-button" aria-current={selected === n.id ? 'true' : undefined} onClick={() => props.onSelect({ node: n.id })}>
            <Swatch kind={n.kind} />
            <span class="row-name">{n.name}</span>
            {n.designations.length ? <span class="badge designated">{n.designations.join(' ')}</span> : null}
            <span class="row-meta">
              {n.shown}/{n.relations}
            </span>
          </button>
          {props.canExpand && n.relations > n.shown ? (
            <button type="button" class="link small" aria-label={`Expand ${n.name}`} onClick={() => props.onExpand(n.id)}>
              expand
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function EdgeList(props: { model: Model | undefined; lit: { edges: Set<string> } | null; selection: Selection; onSelect: (x: Selection) => void }) {
  const { model, lit, selection } = props;
  if (!model) return <p class="hint">Nothing drawn yet.</p>;
  const selected = selection && 'edge' in selection ? selection.edge : null;
  return (
    <ul class="net-list" data-testid="edge-list">
      {model.edges.map((e) => (
        <li key={e.id} data-testid={'edge-' + e.id} data-lit={lit ? String(lit.edges.has(e.id)) : undefined} class={(selected === e.id ? 'selected ' : '') + (lit && lit.edges.has(e.id) ? 'lit' : '')}>
          <button type="button" class="row-button" aria-current={selected === e.id ? 'true' : undefined} onClick={() => props.onSelect({ edge: e.id })}>
            <span class="row-name">{relationWords(e, model)}</span>
            {e.disputed ? <span class="badge disputes">disputed</span> : null}
            <span class="row-meta">{Math.round(e.confidence * 100)}%</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function ExposurePanel({ s, answer, loading, onSelect }: { s: State; answer: ExposureAnswer | undefined; loading: boolean; onSelect: (x: Selection) => void }) {
  if (!s.from) return <p class="hint">Name where the exposure starts: a partner, a ministry, any entity.</p>;
  if (!answer) return loading ? <Loading /> : null;
  const target = answer.exposures.find((x) => x.entity.id === s.target);
  return (
    <div data-testid="exposure-panel">
      <p>
        From <Link href={entityHref(answer.start.id)}>{answer.start.name}</Link>
        {answer.start.resolved !== 'exact' ? <span class="muted"> ({answer.start.resolved})</span> : null}
        {answer.as_of ? ` as of ${answer.as_of}` : ''}, within {answer.max_hops} hops: <strong>{answer.count}</strong> designated {answer.count === 1 ? 'entity' : 'entities'} reached.
      </p>
      {!answer.in_network ? <p class="hint">It takes part in no relation: it reaches nothing.</p> : null}
      <ol class="exposed-list">
        {answer.exposures.map((x) => (
          <li key={x.entity.id} class={x.entity.id === s.target ? 'selected' : ''} data-testid={'exposed-' + x.entity.id}>
            <button
              type="button"
              class="row-button"
              aria-pressed={x.entity.id === s.target}
              onClick={() => setQuery({ target: x.entity.id === s.target ? null : x.entity.id })}
            >
              <span class="row-name">{x.entity.name}</span>
              <span class="badge designated">{[...new Set(x.designations.map((d) => d.authority))].join(' ')}</span>
              <span class="row-meta" title="the best path's score: the product of its ties' strengths">
                {x.hops} {x.hops === 1 ? 'hop' : 'hops'} · {x.score.toFixed(2)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {target ? (
        <div class="paths" data-testid="exposure-paths">
          <h3>Paths to {target.entity.name}</h3>
          {target.paths.map((p, i) => (
            <div class="path" key={i}>
              <p class="path-chain">
                <span class="muted">{p.score.toFixed(3)}</span> {p.nodes.map((n) => n.name).join(' → ')}
              </p>
              <ul class="rel-list">
                {p.steps.flatMap((st) =>
                  st.relations.map((r) => (
                    <li key={i + ':' + r.fact_id}>
                      <button type="button" class="link" onClick={() => onSelect({ edge: 'r' + r.fact_id })}>
                        {r.subject.name} {words(r.predicate)} {r.object.name}
                        {r.role ? ` (${r.role})` : ''}
                      </button>{' '}
                      <span class="muted">{Math.round(r.confidence * 100)}%</span>
                    </li>
                  )),
                )}
              </ul>
            </div>
          ))}
        </div>
      ) : answer.exposures.length ? (
        <p class="hint">Choose an entity to light up its paths; each relation on them opens its claims.</p>
      ) : null}
    </div>
  );
}
