// The shapes of the knowledge base's answers that the network explorer, the
// timeline and the map read (docs/cli.md "Common shapes", docs/api.md):
// claims, relations, events, estimates, the graph around entities
// (GET /v1/graph), exposure, rankings and communities.

// Entities, claims and relations have one shape everywhere: knowledge.ts.
import type { Claim, EntityRef, Relation } from './knowledge';
export type { Claim, EntityRef, Relation };

// GET /v1/graph
export interface GraphNode extends EntityRef {
  hops: number;
  relations: number; // relations of the view it takes part in, shown or not
  designations: string[]; // authority codes
  attributes: Record<string, string>;
}
export interface GraphEdge extends Relation {
  confidence: number;
  strength: number;
  disputed: boolean;
}
export interface GraphAnswer {
  focus: (EntityRef & { resolved: string })[];
  as_of: string | null;
  depth: number;
  limit: number;
  truncated: boolean;
  count: { nodes: number; edges: number };
  nodes: GraphNode[];
  edges: GraphEdge[];
}

// GET /v1/exposure/{name}
export interface ExposureDesignation {
  fact_id: number;
  authority: string;
  program: string;
  list: string | null;
  reference: string | null;
  date: string | null;
  via: EntityRef | null;
}
export interface StepRelation extends Relation {
  direction: 'forward' | 'backward';
  predicate_weight: number;
  confidence: number;
  strength: number;
}
export interface PathStep {
  from: EntityRef;
  to: EntityRef;
  strength: number;
  relations: StepRelation[];
}
export interface CitedPath {
  score: number;
  hops: number;
  nodes: EntityRef[];
  steps: PathStep[];
}
export interface Exposed {
  entity: EntityRef;
  score: number;
  hops: number;
  designations: ExposureDesignation[];
  paths: CitedPath[];
}
export interface ExposureAnswer {
  start: EntityRef & { resolved: string };
  as_of: string | null;
  max_hops: number;
  in_network: boolean;
  start_designations: ExposureDesignation[];
  count: number;
  exposures: Exposed[];
}

// GET /v1/rank, /v1/communities
export interface RankRow {
  rank: number;
  node: string;
  name?: string;
  kind?: string;
  value: number | null;
}
export interface CommunitiesAnswer {
  modularity: number;
  count: number;
  communities: { id: number; size: number; members: { node: string; name?: string }[] }[];
}

// GET /v1/events
export interface Participant {
  entity: EntityRef | null;
  label: string | null;
  role: string; // claimed | attributed | suspected | facilitated
  claims: Claim[];
}
export interface Quantity {
  best: number | null;
  low: number | null;
  high: number | null;
}
export interface KbEvent {
  id: string;
  fact_id: number;
  type: string;
  title: string;
  date: string | null;
  from: string | null;
  to: string | null;
  place: {
    city: string | null;
    province: string | null;
    country: string | null;
    entity: EntityRef | null;
    detail: string | null;
  };
  killed: Quantity | null;
  wounded: Quantity | null;
  perpetrators: Participant[];
  targets: { entity: EntityRef | null; label: string | null }[];
  claims: Claim[];
}

// GET /v1/estimates
export interface Estimate {
  id: string;
  fact_id: number;
  subject: EntityRef;
  quantity: string;
  value: number | null;
  low: number | null;
  high: number | null;
  of: number | null;
  qualifier: string | null; // about | at_least | at_most | more_than
  unit: string;
  scope: string | null;
  scope_entity: EntityRef | null;
  as_of: string | null;
  claims: Claim[];
}

// Who asserts a claim, in words: the party entity, its label, or the
// source's publisher.
export function partyOf(claim: Claim): { id?: string; name: string } {
  if (claim.party) return { id: claim.party.id, name: claim.party.name };
  if (claim.party_label) return { name: claim.party_label };
  return { name: claim.publisher ?? claim.source_title };
}

// "member_of" -> "member of"
export { words as predicateWords } from './knowledge';
