// The network explorer's model: what is drawn, built from GET /v1/graph
// (explore mode) or GET /v1/exposure/{name} (exposure mode), with the
// measure and communities of vigil's analysis laid on top.
import type { CommunitiesAnswer, ExposureAnswer, GraphAnswer, RankRow } from './kb-types';
import { SYMMETRIC, words, type Claim } from './knowledge';
import { kindLook, predicateColour, communityColour } from './network-style';

export interface NodeModel {
  id: string;
  name: string;
  kind: string;
  designations: string[];
  focus: boolean;
  hops: number;
  relations: number; // in the view, shown or not
  shown: number; // relations drawn
  attributes: Record<string, string>;
  community?: number;
  measure?: number | null;
}

export interface EdgeModel {
  id: string; // "r<fact_id>"
  fact_id: number;
  source: string;
  target: string;
  predicate: string;
  role: string | null;
  from: string | null;
  to: string | null;
  confidence: number;
  strength: number;
  disputed: boolean;
  claims: Claim[] | null; // null: not loaded with the drawing (fetched when opened)
}

export interface Model {
  nodes: NodeModel[];
  edges: EdgeModel[];
  truncated: boolean;
}

// withClaims: whether the answer was asked for with the relations' claims.
export function fromGraph(answer: GraphAnswer, pinned: Set<string>, withClaims: boolean): Model {
  const shown = new Map<string, number>();
  const edges: EdgeModel[] = answer.edges.map((e) => {
    shown.set(e.subject.id, (shown.get(e.subject.id) ?? 0) + 1);
    shown.set(e.object.id, (shown.get(e.object.id) ?? 0) + 1);
    return {
      id: 'r' + e.fact_id,
      fact_id: e.fact_id,
      source: e.subject.id,
      target: e.object.id,
      predicate: e.predicate,
      role: e.role,
      from: e.from,
      to: e.to,
      confidence: e.confidence,
      strength: e.strength,
      disputed: e.disputed,
      claims: withClaims ? e.claims : null,
    };
  });
  const nodes = answer.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    designations: n.designations,
    focus: n.hops === 0 && (answer.focus.length > 0 || pinned.has(n.id)),
    hops: n.hops,
    relations: n.relations,
    shown: shown.get(n.id) ?? 0,
    attributes: n.attributes,
  }));
  return { nodes, edges, truncated: answer.truncated };
}

// Every path of every designated entity reached: their nodes and the
// relations behind each step (each relation once).
export function fromExposure(answer: ExposureAnswer): Model {
  const nodes = new Map<string, NodeModel>();
  const edges = new Map<number, EdgeModel>();
  const designated = new Map<string, string[]>();
  for (const x of answer.exposures) designated.set(x.entity.id, [...new Set(x.designations.map((d) => d.authority))].sort());
  if (answer.start_designations.length) designated.set(answer.start.id, [...new Set(answer.start_designations.map((d) => d.authority))].sort());
  const addNode = (ref: { id: string; name: string; kind: string }, hops: number) => {
    const have = nodes.get(ref.id);
    if (have) {
      have.hops = Math.min(have.hops, hops);
      return;
    }
    nodes.set(ref.id, {
      id: ref.id,
      name: ref.name,
      kind: ref.kind,
      designations: designated.get(ref.id) ?? [],
      focus: ref.id === answer.start.id,
      hops,
      relations: 0,
      shown: 0,
      attributes: {},
    });
  };
  addNode(answer.start, 0);
  for (const x of answer.exposures)
    for (const path of x.paths) {
      path.nodes.forEach((n, i) => addNode(n, i));
      for (const step of path.steps)
        for (const r of step.relations) {
          if (edges.has(r.fact_id)) continue;
          edges.set(r.fact_id, {
            id: 'r' + r.fact_id,
            fact_id: r.fact_id,
            source: r.subject.id,
            target: r.object.id,
            predicate: r.predicate,
            role: r.role,
            from: r.from,
            to: r.to,
            confidence: r.confidence,
            strength: r.strength,
            disputed: r.claims.some((c) => c.stance === 'denies'),
            claims: r.claims,
          });
        }
    }
  for (const e of edges.values()) {
    for (const id of [e.source, e.target]) {
      const n = nodes.get(id);
      if (n) n.shown = n.relations = n.shown + 1;
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated: false };
}

// The nodes and relations on the paths to one exposed entity (or to all).
export function litByExposure(answer: ExposureAnswer, target: string | null): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const x of answer.exposures) {
    if (target && x.entity.id !== target) continue;
    for (const path of x.paths) {
      path.nodes.forEach((n) => nodes.add(n.id));
      for (const step of path.steps) for (const r of step.relations) edges.add('r' + r.fact_id);
    }
  }
  return { nodes, edges };
}

export function withMeasure(model: Model, rows: RankRow[] | undefined): Model {
  if (!rows) return model;
  const value = new Map(rows.map((r) => [r.node, r.value]));
  return { ...model, nodes: model.nodes.map((n) => ({ ...n, measure: value.has(n.id) ? value.get(n.id)! : null })) };
}

export function withCommunities(model: Model, answer: CommunitiesAnswer | undefined): Model {
  if (!answer) return model;
  const of = new Map<string, number>();
  for (const c of answer.communities) for (const m of c.members) of.set(m.node, c.id);
  return { ...model, nodes: model.nodes.map((n) => ({ ...n, community: of.get(n.id) })) };
}

// Node sizes from a measure: 18..52 px by the value's share of the largest
// (square root, so that a few hubs do not flatten the rest); lowest first
// measures (constraint) inverted.
export function sizes(model: Model, by: string): Map<string, number> {
  const out = new Map<string, number>();
  const values = model.nodes.map((n) => (by === 'relations' ? n.relations : n.measure ?? null));
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  model.nodes.forEach((n, i) => {
    const v = values[i];
    if (v === null || !Number.isFinite(v) || hi === lo) {
      out.set(n.id, v === null ? 16 : 30);
      return;
    }
    let share = (v - lo) / (hi - lo);
    if (by === 'constraint') share = 1 - share;
    out.set(n.id, 18 + 34 * Math.sqrt(share));
  });
  return out;
}

// The words of a relation: its predicate, and its role when asked for.
export function edgeLabel(e: EdgeModel, withRole = true): string {
  return words(e.predicate) + (withRole && e.role ? ` (${e.role})` : '');
}

// The data cytoscape draws with (network-style.ts reads these fields).
export function cyNodeData(n: NodeModel, size: number, colourBy: string) {
  const look = kindLook(n.kind);
  const colour = colourBy === 'community' ? (n.community === undefined ? '#b8bcc4' : communityColour(n.community)) : look.colour;
  return { id: n.id, label: n.name, shape: look.shape, colour, size };
}

export function cyEdgeData(e: EdgeModel) {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: edgeLabel(e, false),
    colour: predicateColour(e.predicate),
    width: 1 + 4 * e.confidence,
    opacity: 0.35 + 0.65 * e.confidence,
    confidence: e.confidence,
    arrow: SYMMETRIC.has(e.predicate) ? 'none' : 'triangle',
  };
}
