// The timeline (/ui/timeline): events over time (GET /v1/list/events), filtered
// by actor, kind and place, each showing who claimed it beside whom others
// attributed it to, and on whose word; and estimates (GET /v1/estimates)
// drawn as ranges on a time axis, one colour per asserting party, so that
// two parties' figures for the same quantity sit side by side.
//
//   /ui/timeline?actor=isis-k&kind=attack&place=AF&event=2021-05-08-kabul-girls-school-attack
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ViewProps } from '../app';
import { useApi, useTitle } from '../lib/hooks';
import { Link, entityHref, href, setQuery } from '../lib/router';
import { Empty, ErrorBox, Loading } from '../lib/ui';
import { countryName, estimateWords, partyOf, quantity, words, type Claim, type Estimate, type EventRecord, type Participant } from '../lib/knowledge';
import { ClaimList, ClaimView } from '../lib/claims';
import { eventAt, eventEndYear, eventInvolves, eventYear, fold, placeWords, sides, typeColour } from '../lib/events';
import { dateWords, spanWords, yearPosition } from '../lib/partial-dates';
import { useWidth } from '../lib/use-width';
import { PALETTE } from '../lib/network-style';
import '../lib/explore.css';
import './timeline.css';

export function TimelineView({ route }: ViewProps) {
  useTitle('Timeline');
  const q = route.query;
  const actor = q.get('actor') ?? '';
  const kind = q.get('kind') ?? '';
  const place = q.get('place') ?? '';
  const selected = q.get('event') ?? '';
  const events = useApi<EventRecord[]>('/v1/list/events');
  const estimates = useApi<Estimate[]>('/v1/estimates');

  const options = useMemo(() => filterOptions(events.data ?? []), [events.data]);
  const shown = useMemo(
    () => (events.data ?? []).filter((e) => (!kind || e.type === kind) && eventInvolves(e, actor) && eventAt(e, place)),
    [events.data, actor, kind, place],
  );
  const shownEstimates = useMemo(
    () => (estimates.data ?? []).filter((x) => !actor || x.subject.id === actor || x.scope_entity?.id === actor),
    [estimates.data, actor],
  );

  // A deep-linked event comes into view once the list is drawn.
  useEffect(() => {
    if (!selected || !events.data) return;
    document.getElementById('ev-' + selected)?.scrollIntoView({ block: 'center' });
  }, [selected, !!events.data]);

  const filtered = !!(actor || kind || place);
  return (
    <div class="timeline-view">
      <div class="tl-head">
        <h1>Timeline</h1>
        <form class="tl-filters" role="search" aria-label="Filter events" onSubmit={(e) => e.preventDefault()}>
          <label class="inline">
            Actor{' '}
            <select value={actor} onChange={(e) => setQuery({ actor: (e.target as HTMLSelectElement).value, event: null })} data-testid="filter-actor">
              <option value="">anyone</option>
              {options.actors.map(([id, name, n]) => (
                <option key={id} value={id}>
                  {name} ({n})
                </option>
              ))}
              {actor && !options.actors.some(([id]) => id === actor) ? <option value={actor}>{actor}</option> : null}
            </select>
          </label>
          <label class="inline">
            Kind{' '}
            <select value={kind} onChange={(e) => setQuery({ kind: (e.target as HTMLSelectElement).value, event: null })} data-testid="filter-kind">
              <option value="">any</option>
              {options.kinds.map(([k, n]) => (
                <option key={k} value={k}>
                  {words(k)} ({n})
                </option>
              ))}
            </select>
          </label>
          <label class="inline">
            Place{' '}
            <select value={place} onChange={(e) => setQuery({ place: (e.target as HTMLSelectElement).value, event: null })} data-testid="filter-place">
              <option value="">anywhere</option>
              {options.places.map(([key, words, n]) => (
                <option key={key} value={key}>
                  {words} ({n})
                </option>
              ))}
              {place && !options.places.some(([k]) => k === place) ? <option value={place}>{place}</option> : null}
            </select>
          </label>
          {filtered ? (
            <button type="button" class="link" onClick={() => setQuery({ actor: null, kind: null, place: null, event: null })}>
              Clear filters
            </button>
          ) : null}
        </form>
      </div>

      {events.error ? <ErrorBox error={events.error} /> : null}
      {events.loading && !events.data ? <Loading label="Loading events…" /> : null}
      {events.data ? (
        <>
          <TimeStrip events={shown} selected={selected} />
          <p class="hint tl-count" aria-live="polite" data-testid="event-count">
            {shown.length} of {events.data.length} events{filtered ? ' match the filters' : ''}, oldest first.
          </p>
          {shown.length === 0 ? (
            <Empty>No event matches these filters.</Empty>
          ) : (
            <ol class="tl-events">
              {shown.map((e) => (
                <EventItem key={e.id} e={e} selected={e.id === selected} />
              ))}
            </ol>
          )}
        </>
      ) : null}

      <section class="tl-estimates" aria-labelledby="estimates-title">
        <h2 id="estimates-title">Estimates by asserting party</h2>
        <p class="hint">
          Each figure at the date it holds for, a bar from its low to its high end (a dot for a single value; an arrow for “at least” or “at most”), coloured by who asserts it.
          {actor ? ' Only those about the chosen actor.' : ''}
        </p>
        {estimates.error ? <ErrorBox error={estimates.error} /> : null}
        {estimates.loading && !estimates.data ? <Loading label="Loading estimates…" /> : null}
        {estimates.data ? shownEstimates.length ? <EstimateGroups estimates={shownEstimates} /> : <Empty>No estimate about this actor.</Empty> : null}
      </section>
    </div>
  );
}

// [id, name, count] of actors, [type, count] of kinds, [key, words, count] of places.
function filterOptions(events: EventRecord[]) {
  const actors = new Map<string, [string, number]>();
  const kinds = new Map<string, number>();
  const places = new Map<string, [string, number]>();
  const bump = <T,>(m: Map<string, [T, number]>, k: string, v: T) => m.set(k, [v, (m.get(k)?.[1] ?? 0) + 1]);
  for (const e of events) {
    kinds.set(e.type, (kinds.get(e.type) ?? 0) + 1);
    const seen = new Set<string>();
    for (const p of [...e.perpetrators, ...e.targets])
      if (p.entity && !seen.has(p.entity.id)) {
        seen.add(p.entity.id);
        bump(actors, p.entity.id, p.entity.name);
      }
    if (e.place.country) bump(places, e.place.country.toUpperCase(), `${countryName(e.place.country)} (all)`);
    if (e.place.entity && e.place.entity.kind === 'place') bump(places, e.place.entity.id, e.place.entity.name);
    else if (e.place.city) bump(places, fold(e.place.city), e.place.city);
  }
  return {
    actors: [...actors].map(([id, [name, n]]) => [id, name, n] as [string, string, number]).sort((a, b) => a[1].localeCompare(b[1])),
    kinds: [...kinds].sort((a, b) => a[0].localeCompare(b[0])),
    places: [...places].map(([k, [w, n]]) => [k, w, n] as [string, string, number]).sort((a, b) => a[1].localeCompare(b[1])),
  };
}

// Every event shown as a mark on one axis: a dot, or a bar for a span;
// marks that would overlap go to the next lane.
function TimeStrip({ events, selected }: { events: EventRecord[]; selected: string }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const dated = events.map((e) => ({ e, x0: eventYear(e), x1: eventEndYear(e) })).filter((d): d is { e: EventRecord; x0: number; x1: number | null } => d.x0 !== null);
  const lanes = 5;
  const laneH = 14;
  const top = 10;
  const height = top + lanes * laneH + 26;
  let lo = Math.min(...dated.map((d) => d.x0));
  let hi = Math.max(...dated.map((d) => d.x1 ?? d.x0));
  if (!dated.length) {
    lo = 2000;
    hi = 2025;
  }
  lo = Math.floor(lo) - 1;
  hi = Math.ceil(hi) + 1;
  const pad = 16;
  const x = (year: number) => pad + ((year - lo) / (hi - lo)) * (width - 2 * pad);
  const laneEnd: number[] = Array(lanes).fill(-Infinity);
  const marks = dated
    .sort((a, b) => a.x0 - b.x0)
    .map((d) => {
      const a = x(d.x0);
      const b = Math.max(a, d.x1 !== null ? x(d.x1) : a);
      let lane = laneEnd.findIndex((end) => end + 7 <= a);
      if (lane < 0) lane = laneEnd.indexOf(Math.min(...laneEnd));
      laneEnd[lane] = b;
      return { ...d, a, b, lane };
    });
  const span = hi - lo;
  const stepYears = span > 40 ? 10 : span > 16 ? 5 : span > 6 ? 2 : 1;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / stepYears) * stepYears; t <= hi; t += stepYears) ticks.push(t);
  return (
    <div class="tl-strip card" ref={box}>
      <svg width={width} height={height} role="img" aria-label={`${marks.length} events from ${lo + 1} to ${hi - 1}`}>
        <line x1={pad} x2={width - pad} y1={height - 22} y2={height - 22} class="axis" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 4} y2={height - 18} class="tick" />
            <text x={x(t)} y={height - 6} text-anchor="middle" class="tick-label">
              {t}
            </text>
          </g>
        ))}
        {marks.map((m) => {
          const y = top + m.lane * laneH + laneH / 2;
          const title = `${dateWords(m.e.date) || spanWords(m.e.from, m.e.to)}: ${m.e.title}`;
          const on = m.e.id === selected;
          return (
            <a key={m.e.id} href={href('timeline') + '?' + withEvent(m.e.id)} onClick={(ev) => {
              ev.preventDefault();
              setQuery({ event: m.e.id });
            }}>
              <title>{title}</title>
              {m.b - m.a > 3 ? <rect x={m.a} y={y - 3} width={m.b - m.a} height={6} rx={3} fill={typeColour(m.e.type)} opacity={0.45} /> : null}
              <circle cx={m.a} cy={y} r={on ? 6 : 4.2} fill={typeColour(m.e.type)} stroke={on ? 'var(--text)' : 'var(--panel)'} stroke-width={on ? 2 : 1} />
            </a>
          );
        })}
      </svg>
    </div>
  );
}

function withEvent(id: string): string {
  const q = new URLSearchParams(location.search);
  q.set('event', id);
  return q.toString();
}

function EventItem({ e, selected }: { e: EventRecord; selected: boolean }) {
  const { claimed, attributed } = sides(e);
  const when = e.date ? dateWords(e.date) : spanWords(e.from, e.to);
  const killed = quantity(e.killed);
  const wounded = quantity(e.wounded);
  return (
    <li id={'ev-' + e.id} class={'tl-event card' + (selected ? ' selected' : '')} data-testid={'event-' + e.id}>
      <header class="tl-event-head">
        <span class="tl-date">{when}</span>
        <span class="badge tl-type" style={{ borderColor: typeColour(e.type), color: typeColour(e.type) }}>
          {words(e.type)}
        </span>
        <h3>
          <a
            href={href('timeline') + '?' + withEvent(e.id)}
            onClick={(ev) => {
              ev.preventDefault();
              setQuery({ event: selected ? null : e.id });
            }}
          >
            {e.title}
          </a>
        </h3>
      </header>
      <p class="tl-meta muted">
        {placeWords(e)}
        {e.place.detail && placeWords(e) !== e.place.detail ? ` — ${e.place.detail}` : ''}
        {killed ? ` · ${killed} killed` : ''}
        {wounded ? ` · ${wounded} wounded` : ''}
        {e.targets.length ? ` · against ${e.targets.map((t) => t.entity?.name ?? t.label).join(', ')}` : ''}
      </p>
      {claimed.length || attributed.length ? (
        <div class="tl-sides">
          <section class="tl-side" data-testid="claimed-by">
            <h4>Claimed by</h4>
            {claimed.length ? claimed.map((p, i) => <ParticipantRow key={i} p={p} />) : <p class="hint">No one claimed it.</p>}
          </section>
          <section class="tl-side" data-testid="attributed-to">
            <h4>Attributed by others to</h4>
            {attributed.length ? attributed.map((p, i) => <ParticipantRow key={i} p={p} />) : <p class="hint">No attribution recorded.</p>}
          </section>
        </div>
      ) : null}
      <details class="tl-sources" open={selected}>
        <summary>
          That it happened: {e.claims.length} {e.claims.length === 1 ? 'claim' : 'claims'}
        </summary>
        <ClaimList claims={e.claims} />
      </details>
    </li>
  );
}

// A perpetrator and the parties who say so: each party opens its claim.
function ParticipantRow({ p }: { p: Participant }) {
  const [open, setOpen] = useState<number | null>(null);
  const who = p.entity ? <Link href={entityHref(p.entity.id)}>{p.entity.name}</Link> : <span>{p.label}</span>;
  return (
    <div class="tl-participant">
      <div class="tl-participant-head">
        <strong>{who}</strong>
        {p.role !== 'claimed' && p.role !== 'attributed' ? <span class="badge">{p.role}</span> : null}
      </div>
      <ul class="tl-parties">
        {p.claims.map((c, i) => (
          <li key={c.claim_id}>
            <PartyChip c={c} open={open === i} onToggle={() => setOpen(open === i ? null : i)} />
          </li>
        ))}
      </ul>
      {open !== null && p.claims[open] ? (
        <div class="tl-claim">
          <ClaimView claim={p.claims[open]} />
        </div>
      ) : null}
    </div>
  );
}

function PartyChip({ c, open, onToggle }: { c: Claim; open: boolean; onToggle: () => void }) {
  const party = partyOf(c);
  const denies = c.stance === 'denies';
  return (
    <button type="button" class={'party-chip' + (denies ? ' denies' : '')} aria-expanded={open} onClick={onToggle} title="show the passage">
      {denies ? 'denied by ' : 'by '}
      {party.name}
    </button>
  );
}

// --- estimates -------------------------------------------------------------

interface Group {
  key: string;
  subject: { id: string; name: string };
  quantity: string;
  unit: string | null;
  items: Estimate[];
  parties: string[];
}

function groupEstimates(list: Estimate[]): Group[] {
  const groups = new Map<string, Group>();
  for (const x of list) {
    const key = x.subject.id + '|' + x.quantity;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, subject: x.subject, quantity: x.quantity, unit: x.unit, items: [], parties: [] }));
    g.items.push(x);
    for (const c of x.claims) {
      const name = partyOf(c).name;
      if (!g.parties.includes(name)) g.parties.push(name);
    }
  }
  // Disagreements (several parties) first, then by subject and quantity.
  return [...groups.values()].sort((a, b) => Number(b.parties.length > 1) - Number(a.parties.length > 1) || a.subject.name.localeCompare(b.subject.name) || a.quantity.localeCompare(b.quantity));
}

function EstimateGroups({ estimates }: { estimates: Estimate[] }) {
  const groups = useMemo(() => groupEstimates(estimates), [estimates]);
  // Quantities with several figures (over time, or from several parties)
  // get a chart; a figure alone is a row of the table below.
  const charted = groups.filter((g) => g.items.length > 1);
  const single = groups.filter((g) => g.items.length === 1).map((g) => g.items[0]);
  const years = charted.flatMap((g) => g.items.map((x) => yearPosition(x.as_of))).filter((y): y is number => y !== null);
  const lo = Math.floor(Math.min(...years, 2020)) - 1;
  const hi = Math.ceil(Math.max(...years, 2020)) + 1;
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      {charted.length ? (
        <div class="est-groups">
          {charted.map((g) => (
            <EstimateChart key={g.key} g={g} lo={lo} hi={hi} />
          ))}
        </div>
      ) : null}
      {single.length ? (
        <>
          <h3>Single figures</h3>
          <div class="table-wrap">
            <table class="est-table" data-testid="single-estimates">
              <thead>
                <tr>
                  <th scope="col">About</th>
                  <th scope="col">Quantity</th>
                  <th scope="col">Figure</th>
                  <th scope="col">As of</th>
                  <th scope="col">Asserted by</th>
                </tr>
              </thead>
              <tbody>
                {single.map((x) => (
                  <Fragment key={x.id}>
                    <tr>
                      <td>
                        <Link href={entityHref(x.subject.id)}>{x.subject.name}</Link>
                      </td>
                      <td>
                        {words(x.quantity)}
                        {x.scope ? <div class="muted small">{x.scope}</div> : null}
                      </td>
                      <td class="num">
                        <button type="button" class="link" aria-expanded={open === x.id} onClick={() => setOpen(open === x.id ? null : x.id)}>
                          {estimateWords(x)}
                        </button>
                      </td>
                      <td>{dateWords(x.as_of)}</td>
                      <td>{x.claims.map((c) => partyOf(c).name).join(', ')}</td>
                    </tr>
                    {open === x.id ? (
                      <tr>
                        <td colSpan={5}>
                          <ClaimList claims={x.claims} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

const compactNumber = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
function compact(n: number, unit: string | null): string {
  return (unit === 'usd' ? '$' : '') + compactNumber.format(n);
}

// Who asserts an estimate: its first claim's party.
const assertedBy = (x: Estimate) => (x.claims[0] ? partyOf(x.claims[0]).name : '');

function EstimateChart({ g, lo, hi }: { g: Group; lo: number; hi: number }) {
  const [box, width] = useWidth<HTMLDivElement>(600);
  const [open, setOpen] = useState<string | null>(null);
  const height = 120;
  const left = 64;
  const right = 14;
  const top = 12;
  const bottom = 24;
  const values = g.items.flatMap((x) => [x.value, x.low, x.high]).filter((v): v is number => v !== null);
  const vmax = Math.max(...values, 1) * 1.15;
  const x = (year: number) => left + ((year - lo) / (hi - lo)) * (width - left - right);
  const y = (v: number) => top + (1 - v / vmax) * (height - top - bottom);
  const colour = (party: string) => PALETTE[Math.max(0, g.parties.indexOf(party)) % PALETTE.length];
  const span = hi - lo;
  const stepYears = span > 40 ? 10 : span > 16 ? 5 : span > 6 ? 2 : 1;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / stepYears) * stepYears; t <= hi; t += stepYears) ticks.push(t);
  const opened = g.items.find((i) => i.id === open);
  return (
    <article class="est-chart card" data-testid={`estimates-${g.subject.id}-${g.quantity}`}>
      <header>
        <h3>
          <Link href={entityHref(g.subject.id)}>{g.subject.name}</Link> · {words(g.quantity)}
        </h3>
        <ul class="est-legend">
          {g.parties.map((p) => (
            <li key={p}>
              <span class="dot" style={{ background: colour(p) }} aria-hidden="true" /> {p}
            </li>
          ))}
        </ul>
      </header>
      <div ref={box} class="est-svg">
        <svg width={width} height={height} role="img" aria-label={`${g.subject.name}, ${g.quantity}: ${g.items.map((i) => `${estimateWords(i)} (${i.claims.map((c) => partyOf(c).name).join(', ')}, ${dateWords(i.as_of)})`).join('; ')}`}>
          <line x1={left} x2={width - right} y1={height - bottom} y2={height - bottom} class="axis" />
          <line x1={left} x2={left} y1={top} y2={height - bottom} class="axis" />
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={height - bottom} y2={height - bottom + 4} class="axis" />
              <text x={x(t)} y={height - 6} text-anchor="middle" class="tick-label">
                {t}
              </text>
            </g>
          ))}
          {[0, vmax / 1.15].map((v) => (
            <text key={v} x={left - 6} y={y(v) + 4} text-anchor="end" class="tick-label">
              {compact(v, g.unit)}
            </text>
          ))}
          {g.items.map((item, i) => {
            const at = yearPosition(item.as_of);
            if (at === null) return null;
            const c = colour(assertedBy(item));
            const cx = x(at) + (i % 3) * 5 - 5; // nudge marks of one date apart
            const low = item.low ?? item.value;
            const high = item.high ?? item.value;
            const label = `${estimateWords(item)} — ${item.claims.map((cl) => partyOf(cl).name).join(', ')}, ${dateWords(item.as_of)}${item.scope ? ` (${item.scope})` : ''}`;
            return (
              <g key={item.id} class="est-mark" tabIndex={0} role="button" aria-label={label} onClick={() => setOpen(open === item.id ? null : item.id)} onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setOpen(open === item.id ? null : item.id))}>
                <title>{label}</title>
                {low !== null && high !== null && high > low ? (
                  <rect x={cx - 5} y={y(high)} width={10} height={Math.max(2, y(low) - y(high))} rx={3} fill={c} opacity={0.85} />
                ) : low !== null ? (
                  <circle cx={cx} cy={y(low)} r={5.5} fill={c} />
                ) : null}
                {low !== null && (item.qualifier === 'at_least' || item.qualifier === 'more_than' || (item.value === null && item.high === null)) ? (
                  <path d={`M${cx} ${y(high ?? low) - 6} l0 -14 m-4 5 l4 -5 l4 5`} stroke={c} fill="none" stroke-width={2} />
                ) : null}
                {high !== null && item.qualifier === 'at_most' ? <path d={`M${cx} ${y(low ?? high) + 6} l0 14 m-4 -5 l4 5 l4 -5`} stroke={c} fill="none" stroke-width={2} /> : null}
                <text x={cx > width - 150 ? cx - 9 : cx + 9} y={y(high ?? low ?? 0) + 4} text-anchor={cx > width - 150 ? 'end' : 'start'} class="est-label">
                  {estimateWords(item)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <ul class="est-rows">
        {g.items.map((item) => (
          <li key={item.id}>
            <button type="button" class="link" aria-expanded={open === item.id} onClick={() => setOpen(open === item.id ? null : item.id)}>
              {estimateWords(item)}
            </button>{' '}
            <span class="muted">
              {dateWords(item.as_of)} · {item.claims.map((c) => partyOf(c).name).join(', ')}
              {item.scope ? ` · ${item.scope}` : ''}
            </span>
          </li>
        ))}
      </ul>
      {opened ? <ClaimList claims={opened.claims} /> : null}
    </article>
  );
}
