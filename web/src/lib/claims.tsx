// Claims, as every view shows them: who says so (source, party), how
// (stance, confidence) and the passage, with a link that opens the source
// reader at the cited span; a fact's claims folded in place (the entity
// card) or listed (a relation opened in the network, an event on the
// timeline); the fact a claim is on, in words; entity links.
//
//   <FactClaims claims={relation.claims} />     // a toggle: "3 claims · 1 denies"
//   <ClaimList claims={edge.claims} />           // each claim, open
//   <ClaimView claim={c} />                      // one claim, open
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Link, entityHref, sourceHref } from './router';
import { estimateWords, partyOf, words, type CitedFact, type Claim, type EntityRef } from './knowledge';
import { dateWords, spanWords } from './partial-dates';
import './claims.css';

export function EntityLink(props: { entity: EntityRef | null | undefined; label?: string }) {
  const e = props.entity;
  if (!e) return <span>{props.label ?? '—'}</span>;
  return (
    <Link href={entityHref(e.id)} class="kb-entity" title={`${e.name} (${words(e.kind)})`}>
      <bdi>{e.name}</bdi>
    </Link>
  );
}

function Stance(props: { stance: string }) {
  const s = props.stance;
  return (
    <span class={`badge stance ${s === 'denies' ? 'disputes' : 'supports'}`} data-stance={s}>
      {s === 'denies' ? '✗ denies' : s === 'asserts' ? '✓ asserts' : s}
    </span>
  );
}

function Confidence(props: { value: number }) {
  const pct = Math.round(Math.max(0, Math.min(1, props.value)) * 100);
  return (
    <span class="kb-confidence" title={`confidence ${props.value}`}>
      <span class="kb-meter" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>
      <span class="kb-conf-num">{props.value.toFixed(2)}</span>
      <span class="sr-only">confidence</span>
    </span>
  );
}

// One claim: party, stance, confidence, passage, source and the link to it.
export function ClaimView(props: { claim: Claim }) {
  const c = props.claim;
  const where = [c.publisher, c.author, dateWords(c.source_date)].filter(Boolean).join(' · ');
  return (
    <article class="kb-claim" data-claim-id={c.claim_id} data-stance={c.stance} data-testid="claim">
      <header class="kb-claim-head">
        <Stance stance={c.stance} />
        <span class="kb-party">
          {c.party ? <EntityLink entity={c.party} /> : <span>{partyOf(c).name}</span>}
          {c.party && c.party_label ? <span class="muted"> ({c.party_label})</span> : null}
        </span>
        <Confidence value={c.confidence} />
      </header>
      {c.passage ? (
        <blockquote class="passage" dir="auto" data-testid="passage">{c.passage}</blockquote>
      ) : (
        <p class="kb-nopassage muted">
          {c.locator ? <>Cites entry <code>{c.locator}</code> of the list.</> : c.span ? 'The source’s text is not stored: the passage cannot be shown.' : 'Cites the source as a whole.'}
        </p>
      )}
      {c.note ? <p class="kb-note">{c.note}</p> : null}
      <footer class="kb-claim-foot">
        <span class="kb-source" title={c.source}>
          <span class="kb-source-title">{c.source_title}</span>
          {where ? <span class="muted"> · {where}</span> : null}
        </span>
        <Link
          href={sourceHref(c.source, c.span ?? undefined)}
          class="kb-open"
          data-testid="open-source"
          aria-label={`Open ${c.source_title} in the source reader${c.span ? ` at ${c.span[0]}–${c.span[1]}` : ''}`}
        >
          {c.span ? 'Open at passage →' : 'Open source →'}
        </Link>
      </footer>
    </article>
  );
}

// Claims listed open, each with its passage.
export function ClaimList(props: { claims: Claim[]; testid?: string }) {
  if (props.claims.length === 0) return <p class="hint">No claim is shown (the party filter leaves none).</p>;
  return (
    <ol class="claim-list" data-testid={props.testid}>
      {props.claims.map((c) => (
        <li key={c.claim_id}>
          <ClaimView claim={c} />
        </li>
      ))}
    </ol>
  );
}

// "2 claims · 1 denies" in words, for a summary line.
function claimCount(claims: Claim[]): string {
  const denies = claims.filter((c) => c.stance === 'denies').length;
  const base = `${claims.length} claim${claims.length === 1 ? '' : 's'}`;
  return denies ? `${base} · ${denies} den${denies === 1 ? 'ies' : 'y'}` : base;
}

// A fact's claims, folded: the summary line says how many and who; opening
// it shows each claim with its passage in place.
// The claims are put in the page when first opened: a card with hundreds
// of facts stays light.
export function FactClaims(props: { claims: Claim[]; open?: boolean }) {
  const [opened, setOpened] = useState(!!props.open);
  const claims = props.claims;
  if (!claims.length) return <span class="muted kb-noclaims">no claim</span>;
  const parties = [...new Set(claims.map((c) => partyOf(c).name))];
  const denies = claims.some((c) => c.stance === 'denies');
  return (
    <details
      class={`kb-claims${denies ? ' contested' : ''}`}
      open={props.open}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) setOpened(true);
      }}
    >
      <summary data-testid="claims-toggle">
        <span class="kb-claims-count">{claimCount(claims)}</span>
        <span class="kb-claims-who muted">{parties.slice(0, 2).join(', ')}{parties.length > 2 ? ` +${parties.length - 2}` : ''}</span>
      </summary>
      <div class="kb-claims-body">{opened ? claims.map((c) => <ClaimView key={c.claim_id} claim={c} />) : null}</div>
    </details>
  );
}

// What a cited fact states, in words, with links to the entities it names.
export function FactLine(props: { fact: CitedFact; self?: string }) {
  const f = props.fact;
  const ent = (e: EntityRef | null | undefined, label?: string | null) =>
    e && e.id === props.self ? <strong>{e.name}</strong> : <EntityLink entity={e} label={label ?? undefined} />;
  let body: ComponentChildren = f.summary;
  if (f.type === 'entity' && f.entity) body = <>describes {ent(f.entity)}</>;
  else if (f.relation) {
    const r = f.relation;
    const when = spanWords(r.from, r.to);
    body = (
      <>
        {ent(r.subject)} <span class="kb-pred">{words(r.predicate)}</span> {ent(r.object)}
        {r.role ? <span class="muted"> ({r.role})</span> : null}
        {when ? <span class="muted"> · {when}</span> : null}
      </>
    );
  } else if (f.event) body = <>event: <em>{f.event.title}</em>{f.event.date ? <span class="muted"> · {dateWords(f.event.date)}</span> : null}</>;
  else if (f.participant) {
    const p = f.participant;
    body = <>{ent(p.entity, p.label)} <span class="kb-pred">{p.role}</span> <em>{p.event.title}</em></>;
  } else if (f.estimate) {
    const e = f.estimate;
    body = (
      <>
        {ent(e.subject)}: {words(e.quantity)} <strong>{estimateWords(e)}</strong>
        {e.as_of ? <span class="muted"> · as of {dateWords(e.as_of)}</span> : null}
      </>
    );
  } else if (f.designation) {
    const d = f.designation;
    body = (
      <>
        {ent(d.entity)} designated by {d.authority ? ent(d.authority) : d.authority_code} <span class="badge">{d.program}</span>
        {d.reference ? <span class="badge ref">{d.reference}</span> : null}
      </>
    );
  }
  return (
    <span class="kb-fact" data-fact-type={f.type}>
      <span class="kb-fact-type">{f.type}</span> {body}
    </span>
  );
}
