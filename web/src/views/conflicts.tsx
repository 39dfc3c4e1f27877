// Conflicts (/ui/conflicts?kind=&entity=; GET /v1/conflicts): each
// disagreement in the knowledge base with its sides next to each other: the
// claims that take each side, their parties and stances, and the passages,
// each linking to the source reader at the span and to the entities named.
// Four kinds: a fact some assert and others deny, an event claimed by one
// and attributed to another, figures that do not agree, one name used for
// different entities.
import { useEffect, useMemo } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { ViewProps } from '../app';
import { useApi, useTitle } from '../lib/hooks';
import { Link, href, setQuery } from '../lib/router';
import { Empty, ErrorBox, Loading } from '../lib/ui';
import {
  capitalise, countryName, estimateWords, words, type Conflict, type ConflictReport, type ConflictSide, type EntityRef,
} from '../lib/knowledge';
import { dateWords, spanWords } from '../lib/partial-dates';
import { ClaimView, EntityLink } from '../lib/claims';
import './knowledge.css';
import './conflicts.css';

const CONFLICT_KINDS: Record<string, { label: string; says: string }> = {
  contested: { label: 'Contested', says: 'Some sources assert it, others deny it.' },
  attribution: { label: 'Attribution', says: 'Claimed by one, attributed by others to another.' },
  estimate: { label: 'Figures', says: 'Estimates of the same quantity whose ranges do not overlap.' },
  shared_name: { label: 'Shared name', says: 'One name that sources use for different entities.' },
};

// Every entity an answer names (objects with id, name and kind).
export function entitiesIn(value: unknown, out = new Map<string, EntityRef>()): Map<string, EntityRef> {
  if (Array.isArray(value)) value.forEach((v) => entitiesIn(v, out));
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.name === 'string' && typeof o.kind === 'string')
      out.set(o.id, { id: o.id, name: o.name, kind: o.kind });
    Object.values(o).forEach((v) => entitiesIn(v, out));
  }
  return out;
}

// What the sides disagree about, in words.
function Subject(props: { c: Conflict }) {
  const { c } = props;
  switch (c.fact_type) {
    case 'relation': {
      const f = c.fact;
      const when = spanWords(f.from, f.to);
      return (
        <>
          <EntityLink entity={f.subject} /> <span class="kb-pred">{words(f.predicate)}</span> <EntityLink entity={f.object} />
          {when ? <span class="muted"> · {when}</span> : null}
        </>
      );
    }
    case 'participant': {
      const f = c.fact;
      return (
        <>
          {f.entity ? <EntityLink entity={f.entity} /> : f.label} <span class="kb-pred">{words(f.role)}</span> — <em>{f.event.title}</em>
        </>
      );
    }
    case 'event': {
      const f = c.fact;
      const place = [f.place?.city, f.place?.country ? countryName(f.place.country) : null].filter(Boolean).join(', ');
      return (
        <>
          <em>{f.title}</em>
          <span class="muted"> · {[dateWords(f.date) || spanWords(f.from, f.to), place].filter(Boolean).join(' · ')}</span>
        </>
      );
    }
    case 'estimate':
      return (
        <>
          <EntityLink entity={c.fact.subject} />: {words(c.fact.quantity)}
        </>
      );
    case 'name':
      return (
        <>
          The name “<bdi>{c.fact.name}</bdi>” names {c.sides.length} different entities
        </>
      );
    case 'designation': {
      const f = c.fact;
      return (
        <>
          <EntityLink entity={f.entity} /> designated by {f.authority ? <EntityLink entity={f.authority} /> : f.authority_code} ({f.program})
        </>
      );
    }
    case 'entity':
      return <EntityLink entity={c.fact} />;
  }
  return <>{(c as { summary: string }).summary}</>;
}

// A side's heading: the position it takes.
function Position(props: { c: Conflict; side: ConflictSide }) {
  const { c, side } = props;
  let body: ComponentChildren = side.position;
  let tone = 'neutral';
  if (c.kind === 'contested') {
    tone = side.position === 'denies' ? 'denies' : 'asserts';
    body = side.position === 'denies' ? '✗ Denied' : side.position === 'asserts' ? '✓ Asserted' : capitalise(side.position);
  } else if (c.kind === 'attribution' && side.entity) {
    tone = side.role === 'claimed' ? 'claimed' : 'attributed';
    body = (
      <>
        {capitalise(side.role === 'claimed' ? 'claimed by' : side.role === 'attributed' ? 'attributed to' : `${words(side.role ?? '')}:`)} <EntityLink entity={side.entity} />
      </>
    );
  } else if (c.kind === 'estimate' && side.estimate) {
    const e = side.estimate;
    body = (
      <>
        <span class="cfl-figure">{estimateWords(e)}</span>
        <span class="cfl-scope">
          {e.scope}
          {e.as_of ? ` · as of ${dateWords(e.as_of)}` : ''}
          {e.scope_entity ? <> · <EntityLink entity={e.scope_entity} /></> : null}
        </span>
      </>
    );
  } else if (c.kind === 'shared_name' && side.entity) {
    body = (
      <>
        names <EntityLink entity={side.entity} /> <span class="muted">({words(side.name_kind ?? '')})</span>
      </>
    );
  }
  return (
    <h3 class={`cfl-position t-${tone}`} data-position={side.position}>
      {body}
    </h3>
  );
}

function ConflictCard(props: { c: Conflict; index: number }) {
  const { c, index } = props;
  const kind = CONFLICT_KINDS[c.kind] ?? { label: c.kind, says: '' };
  return (
    <article class={`cfl card k-${c.kind}`} id={`conflict-${index}`} data-testid="conflict" data-kind={c.kind}>
      <header class="cfl-head">
        <span class={`badge cfl-kind k-${c.kind}`} title={kind.says}>{kind.label}</span>
        <h2 class="cfl-title"><Subject c={c} /></h2>
        <a class="cfl-anchor" href={`${location.pathname}${location.search}#conflict-${index}`} aria-label="Link to this conflict" title="Link to this conflict">#</a>
      </header>
      <p class="muted cfl-summary">{c.summary}</p>
      <div class={`cfl-sides n${Math.min(c.sides.length, 4)}`}>
        {c.sides.map((side, i) => (
          <section key={i} class="cfl-side" data-testid="conflict-side" aria-label={side.position}>
            <Position c={c} side={side} />
            <div class="cfl-claims">
              {side.claims.map((claim) => <ClaimView key={claim.claim_id} claim={claim} />)}
            </div>
          </section>
        ))}
      </div>
    </article>
  );
}

export function ConflictsView(props: ViewProps) {
  const kind = props.route.query.get('kind') ?? '';
  const entity = props.route.query.get('entity') ?? '';
  const loaded = useApi<ConflictReport>('/v1/conflicts');
  const report = loaded.data;
  useTitle('Conflicts');

  const named = useMemo(() => (report ? report.conflicts.map((c) => entitiesIn(c)) : []), [report]);
  const shown = useMemo(
    () => (report ? report.conflicts.map((c, i) => ({ c, i })).filter(({ c, i }) => (!kind || c.kind === kind) && (!entity || named[i].has(entity))) : []),
    [report, kind, entity, named],
  );
  const entityRef = entity ? named.find((m) => m.has(entity))?.get(entity) : undefined;
  // The chips count what they would show: the conflicts naming the entity
  // chosen, by kind.
  const counts = useMemo(() => {
    const by: Record<string, number> = {};
    let all = 0;
    report?.conflicts.forEach((c, i) => {
      if (entity && !named[i].has(entity)) return;
      by[c.kind] = (by[c.kind] ?? 0) + 1;
      all++;
    });
    return { all, by };
  }, [report, entity, named]);

  // A shared #conflict-N scrolls to it once the list is on screen.
  useEffect(() => {
    if (report && location.hash.startsWith('#conflict-')) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [report]);

  return (
    <section class="cfl-page">
      <h1>Conflicts</h1>
      <p class="muted cfl-intro">Where sources disagree: each side with the claims that take it, who makes them, and the passages, side by side.</p>
      {loaded.error ? <ErrorBox error={loaded.error} /> : null}
      {!report && !loaded.error ? <Loading label="Finding disagreements…" /> : null}
      {report ? (
        <>
          <div class="cfl-filters" role="group" aria-label="Kind of conflict">
            <button type="button" class={`chip${!kind ? ' on' : ''}`} aria-pressed={!kind} onClick={() => setQuery({ kind: undefined })}>
              All <span class="count">{counts.all}</span>
            </button>
            {Object.entries(CONFLICT_KINDS).map(([k, v]) => (
              <button key={k} type="button" class={`chip${kind === k ? ' on' : ''}`} aria-pressed={kind === k} title={v.says} onClick={() => setQuery({ kind: kind === k ? undefined : k })} disabled={!counts.by[k] && kind !== k}>
                {v.label} <span class="count">{counts.by[k] ?? 0}</span>
              </button>
            ))}
            {entity ? (
              <span class="chip on cfl-entity">
                naming {entityRef ? <EntityLink entity={entityRef} /> : entity}
                <button type="button" class="link" aria-label="Show conflicts about every entity" onClick={() => setQuery({ entity: undefined })}>✕</button>
              </span>
            ) : null}
          </div>
          {kind && CONFLICT_KINDS[kind] ? <p class="muted cfl-says">{CONFLICT_KINDS[kind].says}</p> : null}
          {!shown.length ? (
            <Empty>
              {report.count ? 'No conflict matches these filters.' : 'The sources in the knowledge base do not disagree about anything.'}{' '}
              {kind || entity ? <Link href={href('conflicts')}>Show all</Link> : null}
            </Empty>
          ) : (
            <div class="cfl-list">
              {shown.map(({ c, i }) => <ConflictCard key={i} c={c} index={i} />)}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
