// The network explorer's drawing: Cytoscape.js (loaded on first use, in its
// own chunk) kept in step with the model. A redraw keeps the nodes already
// on screen where they are and places only the new ones
// (network-layout.ts), so that moving the date slider shows what changed.
// Tap selects, double-tap (or Enter on the selection) expands; the canvas
// reports when it is laid out and interactive (data-state="ready",
// data-layout-ms) for the browser tests.
import { useEffect, useRef, useState } from 'preact/hooks';
import type cytoscape from 'cytoscape';
import type { Model } from './network-model';
import { cyEdgeData, cyNodeData, sizes } from './network-model';
import { layoutPositions, type Point } from './network-layout';
import { stylesheet } from './network-style';

export type Selection = { node: string } | { edge: string } | null;

export interface CanvasHandle {
  png: () => Promise<Blob | null>;
  positions: () => Map<string, Point>;
  fit: () => void;
}

export interface CanvasProps {
  model: Model | undefined;
  sizeBy: string;
  colourBy: string;
  selection: Selection;
  lit: { nodes: Set<string>; edges: Set<string> } | null;
  onSelect: (s: Selection) => void;
  onExpand: (id: string) => void;
  handle: { current: CanvasHandle | null };
  busy: boolean;
  label: string;
}

const BIG = 300;
const MIN_ZOOM = 0.05; // nodes from which edges are drawn plainly, without labels

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function NetworkCanvas(props: CanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [lib, setLib] = useState<typeof cytoscape | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [state, setState] = useState<{ ready: boolean; ms?: number; nodes: number; edges: number }>({ ready: false, nodes: 0, edges: 0 });
  const callbacks = useRef(props);
  callbacks.current = props;
  const bigRef = useRef<boolean | null>(null);

  // Cytoscape, loaded once.
  useEffect(() => {
    let live = true;
    import('cytoscape')
      .then((m) => live && setLib(() => m.default))
      .catch((e) => live && setFailed(String(e)));
    return () => {
      live = false;
      cyRef.current?.destroy();
      cyRef.current = null;
    };
  }, []);

  // The model drawn: new nodes placed first (network-layout.ts), then the
  // elements added with their positions, removed and updated in one batch;
  // a new Cytoscape is given its elements at birth (its fastest path).
  useEffect(() => {
    if (!lib || !box.current || !props.model) return;
    const t0 = performance.now();
    setState((s) => (s.ready ? { ...s, ready: false } : s));
    const model = props.model;
    const big = model.nodes.length >= BIG;
    let cy = cyRef.current;
    // Where the nodes already drawn are (kept when the drawing is remade).
    const known = cy ? currentPositions(cy) : new Map<string, Point>();
    const keepAt = new Map<string, Point>();
    for (const n of model.nodes) {
      const p = known.get(n.id);
      if (p) keepAt.set(n.id, p);
    }
    const fresh = model.nodes.length - keepAt.size;
    const at =
      fresh > 0
        ? layoutPositions(
            model.nodes.map((n) => n.id),
            model.edges.map((e) => [e.source, e.target]),
            { known: keepAt },
          )
        : keepAt;
    const size = sizes(model, props.sizeBy);
    const nodeDef = (n: (typeof model.nodes)[number]): cytoscape.ElementDefinition => ({
      group: 'nodes',
      data: cyNodeData(n, size.get(n.id) ?? 24, props.colourBy),
      classes: nodeClasses(n),
      position: { ...at.get(n.id)! },
    });
    const edgeDef = (e: (typeof model.edges)[number]): cytoscape.ElementDefinition => ({
      group: 'edges',
      data: cyEdgeData(e),
      classes: e.disputed ? 'disputed' : '',
    });

    if (!cy || bigRef.current !== big) {
      // Made anew at first, and when the graph crosses the size where the
      // drawing changes.
      cy?.destroy();
      const view = viewportFor(at.values(), box.current.clientWidth, box.current.clientHeight, MIN_ZOOM);
      cy = lib({
        container: box.current,
        elements: [...model.nodes.map(nodeDef), ...model.edges.map(edgeDef)],
        zoom: view.zoom,
        pan: view.pan,
        style: stylesheet(prefersDark(), big),
        // The positions are the elements' own; the preset layout's fit would
        // measure every label first (the viewport is set above instead).
        layout: { name: 'preset', fit: false },
        minZoom: MIN_ZOOM,
        maxZoom: 4,
        boxSelectionEnabled: false,
        textureOnViewport: big,
        hideEdgesOnViewport: big,
        pixelRatio: big ? 1 : 'auto',
        motionBlur: false,
      });
      bindEvents(cy);
      cyRef.current = cy;
      bigRef.current = big;
    } else {
      const wanted = new Set<string>();
      for (const n of model.nodes) wanted.add(n.id);
      for (const e of model.edges) wanted.add(e.id);
      const c = cy;
      c.batch(() => {
        c.elements().forEach((el) => {
          if (!wanted.has(el.id())) el.remove();
        });
        const add: cytoscape.ElementDefinition[] = [];
        for (const n of model.nodes) {
          const el = c.getElementById(n.id);
          if (el.empty()) add.push(nodeDef(n));
          else {
            el.data(cyNodeData(n, size.get(n.id) ?? 24, props.colourBy));
            el.classes(nodeClasses(n));
          }
        }
        for (const e of model.edges) {
          const el = c.getElementById(e.id);
          if (el.empty()) add.push(edgeDef(e));
          else {
            el.data(cyEdgeData(e));
            el.classes(e.disputed ? 'disputed' : '');
          }
        }
        if (add.length) c.add(add);
      });
      if (keepAt.size === 0 || fresh > 0) fitPositions(c);
    }

    // Laid out; interactive once the frame after it is drawn.
    const c = cy;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (cyRef.current !== c) return;
        setState({ ready: true, ms: performance.now() - t0, nodes: c.nodes().length, edges: c.edges().length });
      }),
    );
  }, [lib, props.model, props.sizeBy, props.colourBy]);

  // Lit paths (exposure mode): the rest faded.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const lit = props.lit;
    const marked = cy.$('.lit, .faded');
    if ((!lit || lit.nodes.size === 0) && marked.empty()) return; // nothing to restyle
    cy.batch(() => {
      marked.removeClass('lit faded');
      if (!lit || lit.nodes.size === 0) return;
      cy.nodes().forEach((el) => void el.addClass(lit.nodes.has(el.id()) ? 'lit' : 'faded'));
      cy.edges().forEach((el) => void el.addClass(lit.edges.has(el.id()) ? 'lit' : 'faded'));
    });
  }, [props.lit, props.model, state.nodes]);

  // The selection, both ways.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    const s = props.selection;
    const id = s ? ('node' in s ? s.node : s.edge) : null;
    cy.batch(() => {
      cy.$(':selected').forEach((el) => {
        if (el.id() !== id) el.unselect();
      });
      if (id) cy.getElementById(id).select();
    });
  }, [props.selection, props.model, state.nodes]);

  // What the view can ask of the drawing.
  useEffect(() => {
    props.handle.current = {
      png: async () => {
        const cy = cyRef.current;
        if (!cy) return null;
        const bg = getComputedStyle(document.body).backgroundColor || '#ffffff';
        return (await cy.png({ output: 'blob-promise', full: true, scale: 2, bg, maxWidth: 6000, maxHeight: 6000 })) as Blob;
      },
      positions: () => (cyRef.current ? currentPositions(cyRef.current) : new Map()),
      fit: () => cyRef.current && fitPositions(cyRef.current),
    };
  });

  function bindEvents(cy: cytoscape.Core) {
    cy.on('tap', 'node', (e) => callbacks.current.onSelect({ node: e.target.id() }));
    cy.on('tap', 'edge', (e) => callbacks.current.onSelect({ edge: e.target.id() }));
    cy.on('tap', (e) => {
      if (e.target === cy) callbacks.current.onSelect(null);
    });
    cy.on('dbltap', 'node', (e) => callbacks.current.onExpand(e.target.id()));
  }

  const onKey = (e: KeyboardEvent) => {
    const cy = cyRef.current;
    if (!cy) return;
    const s = props.selection;
    if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (e.key === '-') cy.zoom({ level: cy.zoom() / 1.25, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (e.key === '0') fitPositions(cy);
    else if (e.key === 'Escape') props.onSelect(null);
    else if (e.key === 'Enter' && s && 'node' in s) props.onExpand(s.node);
    else if (e.key.startsWith('Arrow')) {
      const d = 60;
      cy.panBy({ x: e.key === 'ArrowLeft' ? d : e.key === 'ArrowRight' ? -d : 0, y: e.key === 'ArrowUp' ? d : e.key === 'ArrowDown' ? -d : 0 });
    } else return;
    e.preventDefault();
  };

  return (
    <div class="net-canvas-wrap">
      <div
        ref={box}
        class="net-canvas"
        tabIndex={0}
        role="img"
        aria-label={props.label}
        aria-describedby="net-canvas-keys"
        data-testid="network-canvas"
        data-state={state.ready && !props.busy ? 'ready' : 'busy'}
        data-nodes={state.nodes}
        data-edges={state.edges}
        data-layout-ms={state.ms === undefined ? undefined : state.ms.toFixed(1)}
        onKeyDown={onKey}
      />
      <p id="net-canvas-keys" class="sr-only">
        Arrow keys pan, plus and minus zoom, 0 fits the graph, Enter expands the selected node, Escape clears the selection. The side panel lists the same nodes and relations.
      </p>
      {failed ? <div class="net-overlay error">The drawing could not start: {failed}</div> : null}
      {props.busy || !lib ? (
        <div class="net-overlay" role="status">
          <span class="spinner" aria-hidden="true" /> {lib ? 'Loading the network…' : 'Loading the drawing…'}
        </div>
      ) : null}
    </div>
  );
}

function nodeClasses(n: { designations: string[]; focus: boolean; relations: number; shown: number }): string {
  const c: string[] = [];
  if (n.designations.length) c.push('designated');
  if (n.focus) c.push('focus');
  if (n.relations > n.shown) c.push('more');
  return c.join(' ');
}

// The zoom and pan that fit the points into a w × h viewport, computed from
// the positions alone: cy.fit() lays every label out first (a third of a
// second for a few hundred labels on a slow machine), and a drawing made
// with its viewport set is not drawn twice.
function viewportFor(points: Iterable<Point>, w: number, h: number, minZoom: number) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  if (x0 === Infinity) return { zoom: 1, pan: { x: w / 2, y: h / 2 } };
  // Room for the largest node and its label, and below for the legend.
  const pad = { x: 70, top: 40, bottom: 100 };
  w = Math.max(w, 1);
  h = Math.max(h, 1);
  const zoom = Math.min(1.4, Math.max(minZoom, Math.min((w - 2 * pad.x) / Math.max(x1 - x0, 1), (h - pad.top - pad.bottom) / Math.max(y1 - y0, 1))));
  return { zoom, pan: { x: w / 2 - (zoom * (x0 + x1)) / 2, y: pad.top + (h - pad.top - pad.bottom) / 2 - (zoom * (y0 + y1)) / 2 } };
}

function fitPositions(cy: cytoscape.Core) {
  const points: Point[] = [];
  cy.nodes().forEach((n) => void points.push(n.position()));
  cy.viewport(viewportFor(points, cy.width(), cy.height(), cy.minZoom()));
}

function currentPositions(cy: cytoscape.Core): Map<string, Point> {
  const out = new Map<string, Point>();
  cy.nodes().forEach((n) => {
    const p = n.position();
    out.set(n.id(), { x: p.x, y: p.y });
  });
  return out;
}
