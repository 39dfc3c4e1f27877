// A force-directed layout for the network explorer, fast enough for a
// thousand nodes (cytoscape's cose took seconds there) and deterministic:
// the same graph gets the same picture, and a redrawn graph (another date,
// an expanded node) keeps the nodes it already placed where they were.
//
// Fruchterman–Reingold: ties pull (d² / k), every pair pushes (k² / d), a
// weak gravity keeps components together, the step shrinks as it cools.
// Up to 400 nodes every pair is computed; above, Barnes–Hut's quadtree
// lets far groups of nodes push as one (n log n a sweep).
//
//   const at = layoutPositions(nodes, edges, { known: previous });
//   cy.layout({ name: 'preset', positions: (n) => at.get(n.id()) }).run();

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  known?: Map<string, Point>; // positions to keep (the nodes stay put)
  edgeLength?: number; // k, the ideal distance of tied nodes
  iterations?: number;
}

// A seeded pseudo-random number per string (FNV-1a then xorshift).
function seeded(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; ++i) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  let s = h >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

export function layoutPositions(ids: string[], edges: [string, string][], options: LayoutOptions = {}): Map<string, Point> {
  const n = ids.length;
  // Dense graphs need room: the ideal length grows with the mean degree.
  // Big graphs are seen whole from afar: shorter ties keep their nodes visible.
  const k = options.edgeLength ?? (n > 300 ? 55 : Math.min(220, 90 + 12 * Math.sqrt((2 * edges.length) / Math.max(n, 1))));
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const es: [number, number][] = [];
  for (const [a, b] of edges) {
    const i = index.get(a);
    const j = index.get(b);
    if (i !== undefined && j !== undefined && i !== j) es.push([i, j]);
  }
  const neighbours: number[][] = ids.map(() => []);
  for (const [i, j] of es) {
    neighbours[i].push(j);
    neighbours[j].push(i);
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const fixed = new Uint8Array(n);
  const placed = new Uint8Array(n);
  const known = options.known ?? new Map<string, Point>();
  let cx = 0;
  let cy = 0;
  let nKnown = 0;
  ids.forEach((id, i) => {
    const p = known.get(id);
    if (p) {
      x[i] = p.x;
      y[i] = p.y;
      fixed[i] = 1;
      placed[i] = 1;
      cx += p.x;
      cy += p.y;
      ++nKnown;
    }
  });
  if (nKnown) {
    cx /= nKnown;
    cy /= nKnown;
  }
  // New nodes: breadth first from placed ones, each near a placed
  // neighbour; nodes with none around the centre, on a disc.
  const radius = k * Math.sqrt(n) * 0.6;
  const order: number[] = [];
  for (let i = 0; i < n; ++i) if (placed[i]) order.push(i);
  const seedNew = (i: number) => {
    const rand = seeded(ids[i]);
    const a = rand() * 2 * Math.PI;
    const r = radius * Math.sqrt(rand());
    x[i] = cx + r * Math.cos(a);
    y[i] = cy + r * Math.sin(a);
    placed[i] = 1;
    order.push(i);
  };
  if (order.length === 0 && n > 0) {
    // Start from the best-connected node at the centre.
    let hub = 0;
    for (let i = 1; i < n; ++i) if (neighbours[i].length > neighbours[hub].length) hub = i;
    x[hub] = cx;
    y[hub] = cy;
    placed[hub] = 1;
    order.push(hub);
  }
  for (let head = 0; order.length < n; ) {
    if (head >= order.length) {
      // A component not reached yet: its best-connected node on the disc.
      let best = -1;
      for (let i = 0; i < n; ++i) if (!placed[i] && (best < 0 || neighbours[i].length > neighbours[best].length)) best = i;
      seedNew(best);
      continue;
    }
    const v = order[head++];
    for (const w of neighbours[v]) {
      if (placed[w]) continue;
      const rand = seeded(ids[w]);
      const a = rand() * 2 * Math.PI;
      const r = k * (0.6 + 0.6 * rand());
      x[w] = x[v] + r * Math.cos(a);
      y[w] = y[v] + r * Math.sin(a);
      placed[w] = 1;
      order.push(w);
    }
  }
  const free = n - nKnown;
  if (free > 0) {
    const iterations = options.iterations ?? (n > 2000 ? 60 : n > 400 ? 90 : 300);
    simulate(x, y, fixed, es, k, iterations, nKnown > 0 ? k * 2 : radius / 2, cx, cy);
  }
  const out = new Map<string, Point>();
  ids.forEach((id, i) => out.set(id, { x: x[i], y: y[i] }));
  return out;
}

function simulate(
  x: Float64Array,
  y: Float64Array,
  fixed: Uint8Array,
  edges: [number, number][],
  k: number,
  iterations: number,
  startStep: number,
  cx: number,
  cy: number,
) {
  const n = x.length;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const exact = n <= 400;
  // Far groups push less on big graphs, and a firmer gravity keeps the
  // whole compact: ties stay near their ideal length instead of the graph
  // inflating with its size.
  const k2 = k * k * (exact ? 1 : 0.2);
  const gravity = exact ? 0.006 : 0.03;
  const tree = exact ? null : new QuadTree(n);
  for (let it = 0; it < iterations; ++it) {
    dx.fill(0);
    dy.fill(0);
    // Repulsion: every pair, or Barnes–Hut's approximation of far groups.
    if (tree) {
      tree.build(x, y);
      for (let i = 0; i < n; ++i) if (!fixed[i]) tree.repel(i, x, y, k2, dx, dy);
    } else {
      for (let i = 0; i < n; ++i)
        for (let j = i + 1; j < n; ++j) {
          let ex = x[i] - x[j];
          let ey = y[i] - y[j];
          let d2 = ex * ex + ey * ey;
          if (d2 < 1e-6) {
            ex = ((i * 7919) % 13) - 6 || 1;
            ey = ((j * 104729) % 11) - 5 || 1;
            d2 = ex * ex + ey * ey;
          }
          const f = k2 / d2; // (k² / d) / d
          dx[i] += ex * f;
          dy[i] += ey * f;
          dx[j] -= ex * f;
          dy[j] -= ey * f;
        }
    }
    // Attraction along ties.
    for (const [i, j] of edges) {
      const ex = x[i] - x[j];
      const ey = y[i] - y[j];
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const f = d / k; // (d² / k) / d
      dx[i] -= ex * f;
      dy[i] -= ey * f;
      dx[j] += ex * f;
      dy[j] += ey * f;
    }
    // Gravity, then a step no longer than the temperature.
    const step = startStep * (1 - it / iterations) + k * 0.02;
    for (let i = 0; i < n; ++i) {
      if (fixed[i]) continue;
      dx[i] -= (x[i] - cx) * gravity;
      dy[i] -= (y[i] - cy) * gravity;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (d > 0) {
        const s = Math.min(d, step) / d;
        x[i] += dx[i] * s;
        y[i] += dy[i] * s;
      }
    }
  }
}

// A Barnes–Hut quadtree over the points, in flat arrays rebuilt each sweep:
// a group of points far enough away (its cell's size over the distance
// below THETA) pushes as one point of their total mass at their centre.
const THETA = 1.0;
class QuadTree {
  private cap: number;
  private x0: Float64Array;
  private y0: Float64Array;
  private size: Float64Array;
  private mass: Float64Array;
  private mx: Float64Array;
  private my: Float64Array;
  private point: Int32Array; // -1 empty, -2 inner cell, else the point
  private child: Int32Array; // 4 per cell, -1 none
  private used = 0;
  private stack: Int32Array;

  constructor(n: number) {
    this.cap = 4 * n + 64;
    this.x0 = new Float64Array(this.cap);
    this.y0 = new Float64Array(this.cap);
    this.size = new Float64Array(this.cap);
    this.mass = new Float64Array(this.cap);
    this.mx = new Float64Array(this.cap);
    this.my = new Float64Array(this.cap);
    this.point = new Int32Array(this.cap);
    this.child = new Int32Array(this.cap * 4);
    this.stack = new Int32Array(this.cap);
  }

  private cell(x0: number, y0: number, size: number): number {
    if (this.used === this.cap) this.grow();
    const c = this.used++;
    this.x0[c] = x0;
    this.y0[c] = y0;
    this.size[c] = size;
    this.mass[c] = 0;
    this.mx[c] = 0;
    this.my[c] = 0;
    this.point[c] = -1;
    this.child.fill(-1, 4 * c, 4 * c + 4);
    return c;
  }

  private grow() {
    const more = <T extends Float64Array | Int32Array>(a: T, by = 1): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap * 2 * by);
      b.set(a);
      return b;
    };
    this.x0 = more(this.x0);
    this.y0 = more(this.y0);
    this.size = more(this.size);
    this.mass = more(this.mass);
    this.mx = more(this.mx);
    this.my = more(this.my);
    this.point = more(this.point);
    this.child = more(this.child, 4);
    this.stack = more(this.stack);
    this.cap *= 2;
  }

  build(x: Float64Array, y: Float64Array) {
    let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
    for (let i = 0; i < x.length; ++i) {
      a = Math.min(a, x[i]);
      b = Math.min(b, y[i]);
      c = Math.max(c, x[i]);
      d = Math.max(d, y[i]);
    }
    this.used = 0;
    const root = this.cell(a - 1, b - 1, Math.max(c - a, d - b) + 2);
    for (let i = 0; i < x.length; ++i) this.insert(root, i, x, y, 0);
  }

  private insert(cell: number, i: number, x: Float64Array, y: Float64Array, depth: number) {
    for (;;) {
      this.mass[cell] += 1;
      this.mx[cell] += x[i];
      this.my[cell] += y[i];
      const p = this.point[cell];
      if (p === -1 && this.mass[cell] === 1) {
        this.point[cell] = i; // an empty leaf takes the point
        return;
      }
      if (p >= 0) {
        if (depth > 40) return; // coincident points: the leaf keeps their mass
        // A leaf with a point becomes an inner cell; its point moves down.
        this.point[cell] = -2;
        this.down(cell, p, x, y, depth);
      }
      cell = this.quadrant(cell, x[i], y[i]);
      ++depth;
    }
  }

  private down(cell: number, p: number, x: Float64Array, y: Float64Array, depth: number) {
    const c = this.quadrant(cell, x[p], y[p]);
    this.mass[c] += 1;
    this.mx[c] += x[p];
    this.my[c] += y[p];
    this.point[c] = p;
    void depth;
  }

  // The child cell of a point's quadrant, made when missing.
  private quadrant(cell: number, px: number, py: number): number {
    const half = this.size[cell] / 2;
    const right = px >= this.x0[cell] + half ? 1 : 0;
    const below = py >= this.y0[cell] + half ? 1 : 0;
    const slot = 4 * cell + right + 2 * below;
    let c = this.child[slot];
    if (c < 0) {
      c = this.cell(this.x0[cell] + right * half, this.y0[cell] + below * half, half);
      this.child[slot] = c;
    }
    return c;
  }

  repel(i: number, x: Float64Array, y: Float64Array, k2: number, dx: Float64Array, dy: Float64Array) {
    let top = 0;
    this.stack[top++] = 0;
    const xi = x[i];
    const yi = y[i];
    while (top > 0) {
      const c = this.stack[--top];
      const m = this.mass[c];
      if (m === 0) continue;
      const p = this.point[c];
      if (p === i && m === 1) continue;
      const ex = xi - this.mx[c] / m;
      const ey = yi - this.my[c] / m;
      const d2 = ex * ex + ey * ey;
      if (p >= 0 || (this.size[c] * this.size[c]) / d2 < THETA * THETA) {
        if (d2 < 1e-6) continue;
        const f = (k2 * m) / d2;
        dx[i] += ex * f;
        dy[i] += ey * f;
      } else {
        for (let q = 0; q < 4; ++q) {
          const ch = this.child[4 * c + q];
          if (ch >= 0) this.stack[top++] = ch;
        }
      }
    }
  }
}
