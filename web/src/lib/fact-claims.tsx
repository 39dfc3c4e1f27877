// The claims behind a fact (a relation, an event, a perpetrator, an
// estimate), as the network explorer, the timeline and the map open them:
// who asserts or denies it, how confidently, in which source, and the
// passage, with a link to the source reader scrolled to the span.
import type { Claim } from './kb-types';
import { partyOf } from './kb-types';
import { Link, entityHref, sourceHref } from './router';
import { dateWords } from './partial-dates';
import './fact-claims.css';

export function ClaimList(props: { claims: Claim[]; testid?: string }) {
  if (props.claims.length === 0) return <p class="hint">No claim is shown (the party filter leaves none).</p>;
  return (
    <ol class="claim-list" data-testid={props.testid}>
      {props.claims.map((c) => (
        <ClaimItem key={c.claim_id} claim={c} />
      ))}
    </ol>
  );
}

export function ClaimItem(props: { claim: Claim }) {
  const c = props.claim;
  const party = partyOf(c);
  const denies = c.stance === 'denies';
  return (
    <li class={'claim' + (denies ? ' denies' : '')} data-claim={c.claim_id}>
      <div class="claim-head">
        <span class={'badge ' + (denies ? 'disputes' : 'supports')}>{denies ? 'denies' : 'asserts'}</span>
        <span class="claim-party">
          {party.id ? <Link href={entityHref(party.id)}>{party.name}</Link> : party.name}
        </span>
        <span class="claim-confidence" title={`confidence ${c.confidence}`}>
          <span class="meter" aria-hidden="true">
            <span style={{ width: `${Math.round(c.confidence * 100)}%` }} />
          </span>
          {Math.round(c.confidence * 100)}%
        </span>
      </div>
      {c.passage ? (
        <blockquote class="passage" dir="auto">
          {c.passage}
        </blockquote>
      ) : c.locator ? (
        <p class="hint">at {c.locator} (the source has no stored text)</p>
      ) : null}
      <div class="claim-source">
        <Link href={sourceHref(c.source, c.span ?? undefined)} title={c.span ? `open the source at ${c.span[0]}–${c.span[1]}` : 'open the source'}>
          {c.source_title}
        </Link>
        {c.publisher ? <span class="muted"> · {c.publisher}</span> : null}
        {c.source_date ? <span class="muted"> · {dateWords(c.source_date)}</span> : null}
      </div>
      {c.note ? <p class="hint claim-note">Note: {c.note}</p> : null}
    </li>
  );
}
