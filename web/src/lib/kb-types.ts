// The shapes of the network analysis answers that the network explorer and
// the map read (docs/api.md): the graph around entities (GET /v1/graph),
// exposure, rankings and communities.

// Entities, claims, relations, events and estimates have one shape
// everywhere: knowledge.ts.
import type { EntityRef, Relation } from './knowledge';

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
