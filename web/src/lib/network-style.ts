// How the network explorer draws the graph: a shape and colour per kind of
// entity, designated entities ringed in red, ties labelled by predicate,
// dashed when a claim disputes them, thicker and more opaque the more
// confident they are; communities in a palette of distinct colours; the
// exposure mode's paths lit, the rest faded.
import type cytoscape from 'cytoscape';

export interface KindLook {
  label: string;
  shape: string;
  colour: string;
}

export const KINDS: Record<string, KindLook> = {
  person: { label: 'person', shape: 'ellipse', colour: '#4a78c2' },
  organization: { label: 'group or organisation', shape: 'hexagon', colour: '#d07a22' },
  government_body: { label: 'government body', shape: 'round-rectangle', colour: '#7a5fb5' },
  state: { label: 'state', shape: 'diamond', colour: '#2c9473' },
  place: { label: 'place', shape: 'round-triangle', colour: '#8a8f98' },
};
const OTHER_KIND: KindLook = { label: 'other', shape: 'ellipse', colour: '#9aa0a8' };
export const kindLook = (kind: string) => KINDS[kind] ?? OTHER_KIND;

export const DESIGNATED = '#c0262d';

// Distinct colours for communities (Tableau-like, readable on light and dark).
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#86bcb6', '#d37295', '#8cd17d', '#a0cbe8', '#fabfd2', '#79706e'];
export const communityColour = (id: number) => PALETTE[id % PALETTE.length];

// Predicates grouped by what a tie means, for its colour.
const HOSTILE = new Set(['hostile_to']);
const SUPPORT = new Set(['allied_with', 'supports', 'funds', 'arms', 'shelters', 'shares_intelligence_with', 'recruits_from']);
const CONTROL = new Set(['leader_of', 'member_of', 'founded', 'faction_of', 'affiliate_of', 'part_of', 'holds_position_in', 'family_of', 'split_from']);
export function predicateColour(predicate: string): string {
  if (HOSTILE.has(predicate)) return '#c0392b';
  if (SUPPORT.has(predicate)) return '#2e8b57';
  if (CONTROL.has(predicate)) return '#4b5563';
  if (predicate === 'designates') return '#8e44ad';
  return '#9aa0a8'; // operates_in, negotiates_with
}

export const PREDICATES = [
  'member_of', 'leader_of', 'founded', 'faction_of', 'affiliate_of', 'part_of', 'split_from',
  'allied_with', 'hostile_to', 'supports', 'funds', 'arms', 'shelters', 'shares_intelligence_with',
  'negotiates_with', 'family_of', 'holds_position_in', 'operates_in', 'recruits_from', 'designates',
];

export function stylesheet(dark: boolean, big: boolean): cytoscape.StylesheetJson {
  const text = dark ? '#e6e9ee' : '#1b1f24';
  const halo = dark ? '#0f1318' : '#ffffff';
  // Big graphs (hundreds of nodes) get a lean style: Cytoscape computes
  // every property of every element, so fewer properties and mappers draw
  // faster. Their labels show as one zooms in, without a halo or an
  // ellipsis (which measures each label letter by letter); their edges are
  // plain haystack lines, opaque, without arrows or labels.
  const node: Record<string, unknown> = {
    shape: 'data(shape)',
    'background-color': 'data(colour)',
    width: 'data(size)',
    height: 'data(size)',
    label: 'data(label)',
    'font-size': 11,
    color: text,
    'text-valign': 'bottom',
    'text-margin-y': 3,
    'min-zoomed-font-size': big ? 9 : 6,
  };
  if (!big)
    Object.assign(node, {
      'text-wrap': 'ellipsis',
      'text-max-width': '140px',
      'text-outline-color': halo,
      'text-outline-width': 2,
      'border-width': 1,
      'border-color': dark ? '#0f1318' : '#ffffff',
    });
  const edge: Record<string, unknown> = big
    ? { width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'haystack' }
    : {
        width: 'data(width)',
        opacity: 'data(opacity)',
        'line-color': 'data(colour)',
        'target-arrow-color': 'data(colour)',
        'target-arrow-shape': 'data(arrow)',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 9,
        color: dark ? '#9aa4b1' : '#5b6470',
        'text-rotation': 'autorotate',
        'text-outline-color': halo,
        'text-outline-width': 2,
        'min-zoomed-font-size': 8,
      };
  return [
    { selector: 'node', style: node as never },
    { selector: 'node.designated', style: { 'border-width': 4, 'border-color': DESIGNATED } },
    { selector: 'node.focus', style: { 'underlay-color': '#1f5fbf', 'underlay-opacity': 0.22, 'underlay-padding': 7, 'underlay-shape': 'ellipse' } as never },
    { selector: 'node.more', style: { 'outline-width': 2, 'outline-color': text, 'outline-style': 'dotted', 'outline-offset': 2 } as never },
    { selector: 'edge', style: edge as never },
    { selector: 'edge.disputed', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } as never },
    { selector: 'edge:selected', style: { 'line-color': '#1f5fbf', 'target-arrow-color': '#1f5fbf', opacity: 1, width: 5, label: 'data(label)', 'font-size': 10, color: text } as never },
    { selector: 'node:selected', style: { 'overlay-color': '#1f5fbf', 'overlay-opacity': 0.18, 'overlay-padding': 6 } as never },
    { selector: '.faded', style: { opacity: 0.13 } as never },
    { selector: 'node.lit', style: { 'underlay-color': '#f2b705', 'underlay-opacity': 0.55, 'underlay-padding': 8 } as never },
    { selector: 'edge.lit', style: { 'line-color': '#e0a800', 'target-arrow-color': '#e0a800', opacity: 1, width: 'mapData(confidence, 0, 1, 3, 7)', label: 'data(label)' } as never },
  ];
}
