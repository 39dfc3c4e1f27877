// The entity card (/ui/entity/{id}, GET /v1/entities/{id}; the id may be
// any name in any script): names grouped by script with their language and
// direction, attributes, designations by authority with list references,
// relations over time on one time axis grouped by predicate, events,
// estimates, the list records linked to it, and for every fact its claims
// (source, party, stance, confidence, passage), folded in place, each with a
// link that opens the source reader at the passage.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Fragment, type ComponentChildren } from 'preact';
import type { ViewProps } from '../app';
import { ApiError } from '../lib/api';
import { useApi, useTitle } from '../lib/hooks';
import { Link, entityHref, href, sourceHref } from '../lib/router';
import { ErrorBox, Foreign } from '../lib/ui';
import {
  SYMMETRIC, capitalise, countryName, datasetLabel, detectScript, estimateWords, languageName, nameKind, quantity, scriptName, words,
  type Claim, type ConflictReport, type Designation, type EntityCard, type EntityRef, type EventRecord, type Name, type Relation,
} from '../lib/knowledge';
import { dateWords, spanWords, yearBound } from '../lib/partial-dates';
import { EntityLink, FactClaims } from '../lib/claims';
import { entitiesIn } from './conflicts';
import './knowledge.css';
import './entity.css';

// ---- names ----

const SCRIPT_ORDER = ['Latn', 'Arab', 'Cyrl'];

function NamesByScript(props: { names: Name[] }) {
  const groups = new Map<string, Name[]>();
  for (const n of props.names) {
    const script = n.script || detectScript(n.text) || 'Zyyy';
    if (!groups.has(script)) groups.set(script, []);
    groups.get(script)!.push(n);
  }
  const order = [...groups.keys()].sort((a, b) => {
    const ia = SCRIPT_ORDER.indexOf(a), ib = SCRIPT_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return (
    <div class="ent-names" data-testid="names">
      {order.map((script) => (
        <section key={script} class="ent-script" data-script={script} aria-label={`${scriptName(script)} script`}>
          <h3>{script === 'Zyyy' ? 'Other' : scriptName(script)} <span class="count">{groups.get(script)!.length}</span></h3>
          <ul>
            {groups.get(script)!.map((n, i) => (
              <li key={i} class={`ent-name k-${n.kind}`}>
                <Foreign text={n.text} script={script === 'Zyyy' ? undefined : script} lang={n.lang ?? undefined} class="ent-name-text" />
                <span class="ent-name-meta">
                  {n.lang ? <span class="badge lang" title={`language: ${languageName(n.lang)}`}>{languageName(n.lang)}</span> : null}
                  <span class="muted">{nameKind(n.kind)}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

// ---- attributes ----

function attributeValue(key: string, value: string): ComponentChildren {
  if (key === 'nationality' || key === 'country' || key === 'citizenship') return value.split(/[,;]\s*/).map(countryName).join(', ');
  if (/date|founded|born|died/.test(key)) return dateWords(value);
  return value;
}

function Attributes(props: { card: EntityCard }) {
  const c = props.card;
  const rows: [string, ComponentChildren][] = [
    ...Object.entries(c.attributes).map(([k, v]) => [capitalise(words(k)), attributeValue(k, v)] as [string, ComponentChildren]),
    ...c.values.map((v) => [capitalise(words(v.key)), v.value] as [string, ComponentChildren]),
    ...c.identifiers.map((i) => [capitalise(words(i.type)), <>{i.value}{i.country ? ` (${countryName(i.country)})` : ''}{i.note ? <span class="muted"> — {i.note}</span> : null}</>] as [string, ComponentChildren]),
  ];
  if (c.reference) rows.unshift(['List reference', <code>{c.reference}</code>]);
  if (!rows.length) return <p class="muted">No attributes recorded.</p>;
  return (
    <dl class="ent-attrs" data-testid="attributes">
      {rows.map(([k, v], i) => (
        <div key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

// ---- designations ----

function DesignationItem(props: { d: Designation; showEntity?: boolean }) {
  const d = props.d;
  return (
    <li class="ent-desig" data-testid="designation">
      <div class="ent-desig-line">
        {props.showEntity ? <EntityLink entity={d.entity} /> : <span class="ent-desig-list">{d.list ?? d.program}</span>}
        <span class="badge program" title="program">{d.program}</span>
        {d.reference ? <span class="badge ref" title="list reference" data-testid="list-reference">{d.reference}</span> : null}
        {d.date ? <span class="muted ent-date">{dateWords(d.date)}</span> : null}
      </div>
      <FactClaims claims={d.claims} />
    </li>
  );
}

function Designations(props: { list: Designation[] }) {
  const byAuthority = new Map<string, Designation[]>();
  for (const d of props.list) {
    const key = d.authority?.id ?? d.authority_code;
    if (!byAuthority.has(key)) byAuthority.set(key, []);
    byAuthority.get(key)!.push(d);
  }
  return (
    <div class="ent-desigs" data-testid="designations">
      {[...byAuthority.values()].map((ds) => (
        <section key={ds[0].authority?.id ?? ds[0].authority_code} class="ent-authority">
          <h3>
            {ds[0].authority ? <EntityLink entity={ds[0].authority} /> : ds[0].authority_code}
            <span class="badge">{ds[0].authority_code}</span>
          </h3>
          <ul class="plain">
            {ds.map((d) => <DesignationItem key={d.fact_id} d={d} />)}
          </ul>
        </section>
      ))}
    </div>
  );
}

// ---- relations over time ----

interface Row {
  relation: Relation;
  other: EntityRef;
  direction: 'out' | 'in' | 'both';
}

interface Axis {
  start: number;
  end: number;
  ticks: number[];
}

function axisFor(years: number[]): Axis | null {
  if (!years.length) return null;
  const now = new Date().getUTCFullYear() + 1;
  let start = Math.floor(Math.min(...years));
  let end = Math.max(Math.ceil(Math.max(...years)), now);
  if (end - start < 4) start = end - 4;
  const span = end - start;
  const step = span <= 12 ? 2 : span <= 30 ? 5 : 10;
  start = Math.floor(start / step) * step;
  end = Math.ceil(end / step) * step === end ? end : end;
  const ticks: number[] = [];
  for (let y = Math.ceil(start / step) * step; y <= end; y += step) ticks.push(y);
  return { start, end, ticks };
}

const pct = (axis: Axis, y: number) => `${(((y - axis.start) / (axis.end - axis.start)) * 100).toFixed(2)}%`;

function Bar(props: { axis: Axis | null; from: string | null; to: string | null }) {
  const { axis, from, to } = props;
  if (!axis) return <div class="ent-track" />;
  const a = yearBound(from), b = yearBound(to, true);
  if (a === null && b === null)
    return (
      <div class="ent-track" aria-hidden="true">
        <span class="ent-bar undated" style={{ left: '0%', width: '100%' }} />
      </div>
    );
  const s = a ?? axis.start, e = b ?? axis.end;
  return (
    <div class="ent-track" aria-hidden="true">
      {axis.ticks.map((t) => <span key={t} class="ent-tick" style={{ left: pct(axis, t) }} />)}
      <span
        class={`ent-bar${a === null ? ' open-start' : ''}${b === null ? ' open-end' : ''}`}
        style={{ left: pct(axis, s), width: `calc(${pct(axis, Math.max(e, s + 0.15))} - ${pct(axis, s)})` }}
      />
    </div>
  );
}

function AxisLine(props: { axis: Axis }) {
  const axis = props.axis;
  return (
    <div class="ent-axis" aria-hidden="true">
      <span />
      <div class="ent-track">
        {axis.ticks.map((t) => (
          <span key={t} class="ent-tick-label" style={{ left: pct(axis, t) }}>{t}</span>
        ))}
      </div>
      <span />
    </div>
  );
}

function Relations(props: { card: EntityCard; axis: Axis | null }) {
  const c = props.card;
  const rows: Row[] = [
    ...c.relations.outgoing.map((r) => ({ relation: r, other: r.object, direction: SYMMETRIC.has(r.predicate) ? 'both' : 'out' }) as Row),
    ...c.relations.incoming.map((r) => ({ relation: r, other: r.subject, direction: SYMMETRIC.has(r.predicate) ? 'both' : 'in' }) as Row),
  ];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = r.direction === 'in' ? `${r.relation.predicate}:in` : `${r.relation.predicate}:out`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const byStart = (x: Row, y: Row) => (yearBound(x.relation.from) ?? -1e9) - (yearBound(y.relation.from) ?? -1e9);
  const keys = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  return (
    <div class="ent-relations" data-testid="relations">
      {props.axis ? <AxisLine axis={props.axis} /> : null}
      {keys.map((key) => {
        const list = groups.get(key)!.sort(byStart);
        const [predicate, side] = key.split(':');
        const label = side === 'in' ? `${words(predicate)} ${c.name}` : words(predicate);
        return (
          <section key={key} class="ent-pred" data-predicate={predicate} data-direction={side}>
            <h3>
              {side === 'in' ? <span class="ent-dir" title={`others ${words(predicate)} ${c.name}`}>←</span> : <span class="ent-dir" title={list[0].direction === 'both' ? 'either way' : `${c.name} ${words(predicate)} others`}>{list[0].direction === 'both' ? '↔' : '→'}</span>}
              {capitalise(label)} <span class="count">{list.length}</span>
            </h3>
            <ul class="plain">
              {list.map((r) => {
                const rel = r.relation;
                const when = spanWords(rel.from, rel.to);
                const contested = rel.claims.some((x) => x.stance === 'denies');
                return (
                  <li key={rel.fact_id} class={`ent-rel${contested ? ' contested' : ''}`} data-fact={rel.fact_id}>
                    <div class="ent-rel-who">
                      <EntityLink entity={r.other} />
                      {rel.role ? <span class="ent-role muted">{rel.role}</span> : null}
                    </div>
                    <Bar axis={props.axis} from={rel.from} to={rel.to} />
                    <span class={`ent-when${when ? '' : ' muted'}`}>{when || 'undated'}</span>
                    <div class="ent-rel-claims">
                      <FactClaims claims={rel.claims} />
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

// ---- events, estimates ----

function Events(props: { events: EventRecord[]; self: string }) {
  return (
    <ol class="plain ent-events" data-testid="events">
      {props.events.map((e) => {
        // The place in words, the part the place entity names linked.
        const parts = [e.place.city, e.place.province, e.place.country ? countryName(e.place.country) : null].filter((p): p is string => !!p);
        const pe = e.place.entity && e.place.entity.id !== props.self ? e.place.entity : null;
        const linked = pe ? parts.findIndex((p) => p === pe.name) : -1;
        const place = parts.map((p, i) => (
          <Fragment key={i}>
            {i ? ', ' : ''}
            {i === linked ? <EntityLink entity={pe} /> : p}
          </Fragment>
        ));
        const killed = quantity(e.killed), wounded = quantity(e.wounded);
        return (
          <li key={e.id} class="ent-event" data-event={e.id}>
            <div class="ent-event-date">{e.date ? dateWords(e.date) : spanWords(e.from, e.to) || 'undated'}</div>
            <div class="ent-event-body">
              <div class="ent-event-title">
                <strong>{e.title}</strong>
                <span class="badge">{words(e.type)}</span>
                {(e.roles ?? []).includes('place') ? <span class="badge role r-place">took place here</span> : null}
              </div>
              <div class="muted ent-event-meta">
                {place}
                {pe && linked < 0 ? <>{parts.length ? ' · ' : ''}<EntityLink entity={pe} /></> : null}
                {e.place.detail ? ` (${e.place.detail})` : ''}
                {[killed ? `${killed} killed` : '', wounded ? `${wounded} wounded` : ''].filter(Boolean).map((x) => ` · ${x}`).join('')}
              </div>
              {e.perpetrators.length || e.targets.length ? (
                <ul class="plain ent-parts">
                  {[...e.perpetrators, ...e.targets].map((p, i) => (
                    <li key={i}>
                      <span class={`badge role r-${p.role}`}>{p.role}</span>{' '}
                      {p.entity ? (p.entity.id === props.self ? <strong>{p.entity.name}</strong> : <EntityLink entity={p.entity} />) : <span>{p.label}</span>}
                      {p.claims?.length ? <FactClaims claims={p.claims} /> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              <div class="ent-event-claims">
                <span class="muted ent-small">That it happened:</span> <FactClaims claims={e.claims ?? []} />
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Estimates(props: { card: EntityCard }) {
  return (
    <ul class="plain ent-estimates" data-testid="estimates">
      {props.card.estimates.map((e) => (
        <li key={e.id} class="ent-estimate">
          <div class="ent-est-line">
            <span class="ent-est-q">{capitalise(words(e.quantity))}</span>
            <span class="ent-est-fig">
              {estimateWords(e)}
            </span>
            {e.as_of ? <span class="muted">as of {dateWords(e.as_of)}</span> : null}
          </div>
          <div class="muted ent-small">
            {e.subject.id !== props.card.id ? <>about <EntityLink entity={e.subject} />; </> : null}
            {e.scope}
            {e.scope_entity && e.scope_entity.id !== props.card.id ? <> (<EntityLink entity={e.scope_entity} />)</> : null}
          </div>
          <FactClaims claims={e.claims ?? []} />
        </li>
      ))}
    </ul>
  );
}

// ---- the card ----

function Section(props: { id: string; title: string; count?: number; children: ComponentChildren }) {
  return (
    <section id={props.id} class="kb-section card" aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>
        {props.title}
        {props.count !== undefined ? <span class="count">{props.count}</span> : null}
      </h2>
      {props.children}
    </section>
  );
}

// Every claim on the card, for the list of sources it cites.
function allClaims(c: EntityCard): Claim[] {
  const out: Claim[] = [...c.claims];
  c.designations.forEach((d) => out.push(...d.claims));
  [...c.relations.outgoing, ...c.relations.incoming].forEach((r) => out.push(...r.claims));
  c.events.forEach((e) => {
    out.push(...(e.claims ?? []));
    [...e.perpetrators, ...e.targets].forEach((p) => out.push(...(p.claims ?? [])));
  });
  c.estimates.forEach((e) => out.push(...(e.claims ?? [])));
  return out;
}

function Sources(props: { claims: Claim[] }) {
  const bySource = new Map<string, { title: string; n: number; first: Claim }>();
  for (const c of props.claims) {
    const s = bySource.get(c.source);
    if (s) s.n++;
    else bySource.set(c.source, { title: c.source_title, n: 1, first: c });
  }
  const list = [...bySource.entries()].sort((a, b) => b[1].n - a[1].n);
  if (!list.length) return <p class="muted">No source cited.</p>;
  return (
    <ul class="plain ent-sources">
      {list.map(([id, s]) => (
        <li key={id}>
          <Link href={sourceHref(id)}>{s.title}</Link>
          <span class="muted"> · {s.n} claim{s.n === 1 ? '' : 's'}</span>
        </li>
      ))}
    </ul>
  );
}

function Skeleton() {
  return (
    <div class="ent" aria-busy="true" data-testid="entity-loading">
      <div class="ent-head card">
        <div class="kb-skeleton" style={{ width: '12rem', height: '0.9rem' }} />
        <div class="kb-skeleton" style={{ width: '22rem', maxWidth: '80%', height: '1.8rem', margin: '0.6rem 0' }} />
        <div class="kb-skeleton" style={{ width: '100%', height: '2.6rem' }} />
      </div>
      <div class="ent-grid">
        <div class="ent-main"><div class="card kb-skeleton" style={{ height: '420px' }} /></div>
        <aside class="ent-side"><div class="card kb-skeleton" style={{ height: '300px' }} /></aside>
      </div>
    </div>
  );
}

// "no entity is named 'x'; did you mean:\n  id (name)" -> links.
function NotFound(props: { error: ApiError }) {
  const lines = props.error.message.split('\n');
  const suggestions = lines.slice(1).map((l) => /^\s*(\S+) \((.*)\)\s*$/.exec(l)).filter((m): m is RegExpExecArray => !!m);
  return (
    <div>
      <ErrorBox error={new ApiError(props.error.status, props.error.code, lines[0])} />
      {suggestions.length ? (
        <ul class="plain ent-suggest">
          {suggestions.map((m) => (
            <li key={m[1]}>
              <Link href={entityHref(m[1])}>{m[1]}</Link> <span class="muted">({m[2]})</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p><Link href={href('search')}>Search by name →</Link></p>
    </div>
  );
}

export function EntityView(props: ViewProps) {
  const id = props.route.path[1] ?? '';
  const loaded = useApi<EntityCard>(id ? `/v1/entities/${encodeURIComponent(id)}` : null);
  const card = loaded.data;
  const current = !!card && !loaded.loading && !loaded.error;
  useTitle(card && current ? card.name : id);

  const axis = useMemo(() => {
    if (!card) return null;
    const ys: number[] = [];
    [...card.relations.outgoing, ...card.relations.incoming].forEach((r) => {
      const a = yearBound(r.from), b = yearBound(r.to, true);
      if (a !== null) ys.push(a);
      if (b !== null) ys.push(b);
    });
    return axisFor(ys);
  }, [card]);
  const claims = useMemo(() => (card ? allClaims(card) : []), [card]);
  // What lies below the first screen (events, estimates, passages, linked
  // records, sources) is drawn a frame after the rest: the card shows sooner.
  const [drawn, setDrawn] = useState<string | null>(null);
  useEffect(() => {
    if (!card || !current) return;
    const frame = requestAnimationFrame(() => setDrawn(card.id));
    return () => cancelAnimationFrame(frame);
  }, [card, current]);
  const full = !!card && drawn === card.id;
  // The disagreements that name it (asked once the card is on screen).
  const conflicts = useApi<ConflictReport>(card ? '/v1/conflicts' : null);
  const disputed = useMemo(
    () => (card && conflicts.data ? conflicts.data.conflicts.filter((x) => entitiesIn(x).has(card.id)).length : 0),
    [card, conflicts.data],
  );

  if (!id) return <ErrorBox error={new ApiError(404, 'not_found', 'No entity named in the URL: /ui/entity/{id}.')} />;
  if (loaded.error) {
    const e = loaded.error;
    return e instanceof ApiError && e.code === 'not_found' ? <NotFound error={e} /> : <ErrorBox error={e} />;
  }
  if (!card) return <Skeleton />;

  const c = card;
  const relationCount = c.relations.outgoing.length + c.relations.incoming.length;
  const authorities = [...new Set(c.designations.map((d) => d.authority_code))];
  const listed = c.linked.filter((l) => l.role === 'list_record');
  const cards = c.linked.filter((l) => l.role === 'curated_card');
  const toc: [string, string, number][] = (
    [
      ['ent-relations', 'Relations', relationCount],
      ['ent-events', 'Events', c.events.length],
      ['ent-estimates', 'Estimates', c.estimates.length],
      ['ent-designations', 'Designations', c.designations.length],
      ['ent-described', 'Described in', c.claims.length],
    ] as [string, string, number][]
  ).filter(([, , n]) => n > 0);

  return (
    <article class={`ent${loaded.loading ? ' stale' : ''}`} data-testid="entity-card" data-id={current ? c.id : undefined} aria-busy={loaded.loading}>
      <header class="ent-head card">
        <div class="ent-kicker">
          <span class="ent-kind">{words(c.kind)}</span>
          <span class="muted">· {datasetLabel(c.dataset)}</span>
          {c.reference ? <span class="badge ref">{c.reference}</span> : null}
        </div>
        <h1><bdi>{c.name}</bdi></h1>
        <div class="ent-flags">
          {authorities.length ? (
            <span class="badge designated" data-testid="designated">designated · {authorities.join(', ')}</span>
          ) : null}
          {listed.map((l) => (
            <Link key={l.entity.id} href={entityHref(l.entity.id)} class="badge ref" title={`${l.entity.name} on ${datasetLabel(l.dataset)} (linked by ${l.method})`}>
              {datasetLabel(l.dataset)} {l.reference ?? l.entity.id}
            </Link>
          ))}
          {disputed ? (
            <Link href={href('conflicts') + `?entity=${encodeURIComponent(c.id)}`} class="badge disputes" data-testid="disputed">
              {disputed} disagreement{disputed === 1 ? '' : 's'} between sources →
            </Link>
          ) : null}
          {cards.map((l) => (
            <Link key={l.entity.id} href={entityHref(l.entity.id)} class="badge" title={l.reason}>
              card: {l.entity.name}
            </Link>
          ))}
        </div>
        {c.description ? <p class="ent-desc">{c.description}</p> : null}
        {current && id !== c.id ? (
          <p class="muted ent-small">
            Found by the name “<bdi>{c.matched_name || id}</bdi>”. <Link href={entityHref(c.id)}>Link to this card</Link>
          </p>
        ) : null}
        {toc.length ? (
          <nav class="ent-toc" aria-label="On this card">
            {toc.map(([anchor, label, n]) => (
              <a key={anchor} href={`#${anchor}`} onClick={(e) => { e.preventDefault(); document.getElementById(anchor)?.scrollIntoView({ behavior: 'smooth', block: 'start' }); }}>
                {label} <span class="count">{n}</span>
              </a>
            ))}
          </nav>
        ) : null}
      </header>

      <div class="ent-grid">
        <div class="ent-main">
          {relationCount ? (
            <Section id="ent-relations" title="Relations over time" count={relationCount}>
              <Relations card={c} axis={axis} />
            </Section>
          ) : null}
          {full && c.events.length ? (
            <Section id="ent-events" title="Events" count={c.events.length}>
              <Events events={c.events} self={c.id} />
            </Section>
          ) : null}
          {full && c.estimates.length ? (
            <Section id="ent-estimates" title="Estimates" count={c.estimates.length}>
              <Estimates card={c} />
            </Section>
          ) : null}
          {full && c.claims.length ? (
            <Section id="ent-described" title="Described in" count={c.claims.length}>
              <p class="muted ent-small">Passages that say what {c.name} is.</p>
              <FactClaims claims={c.claims} />
            </Section>
          ) : null}
          {!relationCount && !c.events.length && !c.estimates.length && !c.claims.length ? (
            <div class="card">
              <p class="muted">The knowledge base holds no relation, event or estimate for this {words(c.kind)}{listed.length || cards.length ? '; see the linked records above' : ''}.</p>
            </div>
          ) : null}
        </div>

        <aside class="ent-side">
          <Section id="ent-names" title="Names" count={c.names.length}>
            <NamesByScript names={c.names} />
          </Section>
          <Section id="ent-attributes" title="Attributes">
            <Attributes card={c} />
          </Section>
          {c.designations.length ? (
            <Section id="ent-designations" title="Designations" count={c.designations.length}>
              <Designations list={c.designations} />
            </Section>
          ) : null}
          {full && c.designates.length ? (
            <Section id="ent-designates" title="Designates" count={c.designates.length}>
              <ul class="plain ent-designates">
                {c.designates.slice(0, 100).map((d) => <DesignationItem key={d.fact_id} d={d} showEntity />)}
              </ul>
              {c.designates.length > 100 ? <p class="muted ent-small">and {c.designates.length - 100} more.</p> : null}
            </Section>
          ) : null}
          {full && c.linked.length ? (
            <Section id="ent-linked" title="Same entity elsewhere" count={c.linked.length}>
              <ul class="plain ent-linked">
                {c.linked.map((l) => (
                  <li key={l.entity.id}>
                    <EntityLink entity={l.entity} />
                    <span class="muted ent-small"> · {datasetLabel(l.dataset)}{l.reference ? ` ${l.reference}` : ''} · linked by {l.method} ({l.score.toFixed(2)})</span>
                    <div class="muted ent-small">{l.reason}</div>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {full && c.shares_names_with.length ? (
            <Section id="ent-shared" title="Shares a name with">
              <ul class="plain">
                {c.shares_names_with.map((s, i) => (
                  <li key={i}>“<bdi>{s.name}</bdi>” also names <EntityLink entity={s.entity} /></li>
                ))}
              </ul>
            </Section>
          ) : null}
          {full ? (
            <Section id="ent-sources" title="Sources cited">
              <Sources claims={claims} />
            </Section>
          ) : null}
        </aside>
      </div>
    </article>
  );
}
