// The network explorer's GraphML export: the shown graph (made here, in the
// browser, from the elements on screen).
//
//   const xml = toGraphMl({ nodes, edges, measure: 'pagerank' });
//   download(new Blob([xml], { type: 'application/graphml+xml' }), 'network.graphml');  // lib/download.ts

export interface ExportNode {
  id: string;
  name: string;
  kind: string;
  designations: string[];
  community?: number;
  measure?: number;
  x?: number;
  y?: number;
}
export interface ExportEdge {
  fact_id: number;
  source: string;
  target: string;
  predicate: string;
  confidence: number;
  strength: number;
  from: string | null;
  to: string | null;
  disputed: boolean;
}

// Text safe in XML 1.0 content and attribute values: the five markup
// characters as entities, and the characters XML 1.0 cannot hold at all
// (C0 controls other than tab, newline and return, lone surrogates,
// U+FFFE and U+FFFF) left out.
export function xmlEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        ++i;
      }
      continue; // a high surrogate alone
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue; // a low surrogate alone
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff) continue;
    switch (text[i]) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      default: out += text[i];
    }
  }
  return out;
}

export function toGraphMl(graph: { nodes: ExportNode[]; edges: ExportEdge[]; measure?: string; asOf?: string | null }): string {
  const lines: string[] = [];
  const measure = graph.measure ? xmlEscape(graph.measure) : '';
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  );
  const key = (id: string, kind: 'node' | 'edge', type: string, name = id) =>
    lines.push(`  <key id="${id}" for="${kind}" attr.name="${name}" attr.type="${type}"/>`);
  key('name', 'node', 'string');
  key('kind', 'node', 'string');
  key('designations', 'node', 'string');
  key('community', 'node', 'int');
  if (measure) key('measure', 'node', 'double', measure);
  key('x', 'node', 'double');
  key('y', 'node', 'double');
  key('predicate', 'edge', 'string');
  key('weight', 'edge', 'double');
  key('confidence', 'edge', 'double');
  key('from', 'edge', 'string');
  key('to', 'edge', 'string');
  key('fact_id', 'edge', 'int');
  key('disputed', 'edge', 'boolean');
  lines.push(`  <graph id="vigil${graph.asOf ? '-' + xmlEscape(graph.asOf) : ''}" edgedefault="undirected">`);
  const data = (k: string, v: string | number | undefined | null) =>
    v === undefined || v === null || v === '' ? '' : `<data key="${k}">${xmlEscape(String(v))}</data>`;
  for (const n of graph.nodes) {
    lines.push(
      `    <node id="${xmlEscape(n.id)}">` +
        data('name', n.name) +
        data('kind', n.kind) +
        data('designations', n.designations.join(' ')) +
        data('community', n.community) +
        (measure ? data('measure', n.measure) : '') +
        data('x', n.x === undefined ? undefined : Math.round(n.x * 10) / 10) +
        data('y', n.y === undefined ? undefined : Math.round(n.y * 10) / 10) +
        '</node>',
    );
  }
  for (const e of graph.edges) {
    lines.push(
      `    <edge id="r${e.fact_id}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">` +
        data('predicate', e.predicate) +
        data('weight', e.strength) +
        data('confidence', e.confidence) +
        data('from', e.from) +
        data('to', e.to) +
        data('fact_id', e.fact_id) +
        data('disputed', e.disputed ? 'true' : 'false') +
        '</edge>',
    );
  }
  lines.push('  </graph>');
  lines.push('</graphml>');
  return lines.join('\n') + '\n';
}
