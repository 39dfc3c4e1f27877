// A screening hit's explanation drawn as an alignment: the parts of the
// name screened on one side, the parts of the listed name it met on the
// other, each written as in the name (its `source`, in its own script and
// direction) over its folded form, and a line joining every pair of parts
// that met, coloured by method (--m-*), as thick as the pair's weight and
// labelled with its similarity. Parts that met nothing are dashed. Wide: the
// two names in two rows with the joins between; narrow (phone): two columns.
// The same pairs follow as a table, for reading and for screen readers.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Foreign } from './ui';
import { methodColor, type Pair, type Part } from './screen-types';

interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  width: number;
  label: string;
  pair: number;
}

const NARROW = 560; // container width under which the names are columns

function roleLabel(p: Part): string | null {
  switch (p.role) {
    case 'nasab':
      return p.nasab_position ? `nasab ${p.nasab_position}` : 'nasab';
    case 'nisba':
      return 'family';
    case 'legal_form':
      return 'legal form';
    case 'noise':
      return 'noise';
    case 'place':
      return 'place';
    default:
      return null;
  }
}

function PartChip(props: { part: Part; side: 'q' | 'c'; index: number; pair: Pair | undefined; script?: string; active: boolean }) {
  const { part, pair } = props;
  const role = roleLabel(part);
  const shown = part.source || part.text;
  return (
    <div
      class={'align-part' + (pair ? '' : ' unmatched') + (props.active ? ' active' : '')}
      data-side={props.side}
      data-index={props.index}
      style={pair ? { borderColor: methodColor(pair.method) } : undefined}
      title={`${shown} → ${part.folded} (consonant key ${part.skeleton}), weight ${part.weight.toFixed(2)}${pair ? '' : ', met nothing'}`}
    >
      <Foreign class="align-source" text={shown} script={props.script} />
      <span class="align-folded" dir="ltr">
        <code>{part.folded}</code>
        <span class="align-weight">w {part.weight.toFixed(2)}</span>
      </span>
      {role ? <span class="align-role">{role}</span> : null}
    </div>
  );
}

export function Alignment(props: {
  query: Part[];
  candidate: Part[];
  pairs: Pair[];
  queryScript?: string;
  candidateScript?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [narrow, setNarrow] = useState(false);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [hover, setHover] = useState<number | null>(null);

  const pairOf = (side: 'q' | 'c', i: number): Pair | undefined =>
    props.pairs.find((p) => (side === 'q' ? p.query_parts : p.candidate_parts).includes(i));

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      const base = el.getBoundingClientRect();
      const isNarrow = base.width < NARROW;
      const chip = (side: 'q' | 'c', i: number) => el.querySelector<HTMLElement>(`.align-part[data-side="${side}"][data-index="${i}"]`)?.getBoundingClientRect();
      const out: Line[] = [];
      props.pairs.forEach((p, k) => {
        const color = methodColor(p.method);
        const width = 1.5 + 3 * Math.min(1, p.weight);
        for (const qi of p.query_parts)
          for (const ci of p.candidate_parts) {
            const a = chip('q', qi);
            const b = chip('c', ci);
            if (!a || !b) continue;
            const line = isNarrow
              ? { x1: a.right - base.left, y1: a.top + a.height / 2 - base.top, x2: b.left - base.left, y2: b.top + b.height / 2 - base.top }
              : { x1: a.left + a.width / 2 - base.left, y1: a.bottom - base.top, x2: b.left + b.width / 2 - base.left, y2: b.top - base.top };
            out.push({ ...line, color, width, label: p.similarity.toFixed(2), pair: k });
          }
      });
      setNarrow(isNarrow);
      setSize({ w: base.width, h: base.height });
      setLines(out);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    let live = true;
    document.fonts?.ready.then(() => live && measure()).catch(() => {});
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [props.query, props.candidate, props.pairs, narrow]);

  const rtl = (script?: string) => script === 'Arab' || script === 'Hebr' || script === 'Syrc' || script === 'Thaa';
  const row = (side: 'q' | 'c', parts: Part[], script?: string) => (
    <div class={'align-row ' + (side === 'q' ? 'align-query' : 'align-listed')} dir={narrow ? 'ltr' : rtl(script) ? 'rtl' : 'ltr'}>
      {parts.map((part, i) => {
        const pair = pairOf(side, i);
        const k = pair ? props.pairs.indexOf(pair) : -1;
        return (
          <div key={i} onMouseEnter={() => setHover(k >= 0 ? k : null)} onMouseLeave={() => setHover(null)}>
            <PartChip part={part} side={side} index={i} pair={pair} script={script} active={hover !== null && hover === k} />
          </div>
        );
      })}
      {parts.length === 0 ? <span class="muted">(no parts)</span> : null}
    </div>
  );

  return (
    <div class={'alignment' + (narrow ? ' narrow' : '')} ref={box} data-testid="alignment">
      <div class="align-caption align-caption-q">Screened</div>
      {row('q', props.query, props.queryScript)}
      <div class="align-gap" aria-hidden="true" />
      <div class="align-caption align-caption-c">Listed</div>
      {row('c', props.candidate, props.candidateScript)}
      <svg class="align-joins" width={size.w} height={size.h} aria-hidden="true">
        {lines.map((l, i) => {
          const faded = hover !== null && hover !== l.pair;
          const mx = (l.x1 + l.x2) / 2;
          const my = (l.y1 + l.y2) / 2;
          // A cubic curve from the screened part to the listed one; its label
          // a third of the way along, so that crossing joins keep theirs apart.
          const [c1x, c1y, c2x, c2y] = narrow ? [mx, l.y1, mx, l.y2] : [l.x1, my, l.x2, my];
          const d = `M${l.x1},${l.y1} C${c1x},${c1y} ${c2x},${c2y} ${l.x2},${l.y2}`;
          const t = 0.33;
          const at = (p0: number, p1: number, p2: number, p3: number) =>
            (1 - t) ** 3 * p0 + 3 * (1 - t) ** 2 * t * p1 + 3 * (1 - t) * t ** 2 * p2 + t ** 3 * p3;
          const lx = at(l.x1, c1x, c2x, l.x2);
          const ly = at(l.y1, c1y, c2y, l.y2);
          return (
            <g key={i} class={'align-join' + (faded ? ' faded' : '')} data-pair={l.pair}>
              <path d={d} style={{ stroke: l.color, strokeWidth: l.width }} fill="none" stroke-linecap="round" />
              <g transform={`translate(${lx},${ly})`}>
                <rect x={-17} y={-9} width={34} height={18} rx={9} class="align-label-box" style={{ stroke: l.color }} />
                <text text-anchor="middle" dominant-baseline="central" style={{ fill: l.color }}>{l.label}</text>
              </g>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

// The pairs as a table: what met what, how, how much it counts.
export function PairTable(props: { query: Part[]; candidate: Part[]; pairs: Pair[]; unmatchedQuery: string[]; unmatchedCandidate: string[]; queryScript?: string; candidateScript?: string }) {
  const shown = (parts: Part[], idx: number[], fallback: string) => {
    const text = idx.map((i) => parts[i]?.source || parts[i]?.text).filter(Boolean);
    return text.length ? Array.from(new Set(text)).join(' ') : fallback;
  };
  return (
    <table class="pair-table">
      <thead>
        <tr>
          <th scope="col">Screened part</th>
          <th scope="col">Listed part</th>
          <th scope="col">Method</th>
          <th scope="col" class="num">Similarity</th>
          <th scope="col" class="num">Weight</th>
        </tr>
      </thead>
      <tbody>
        {props.pairs.map((p, i) => (
          <tr key={i}>
            <td>
              <Foreign text={shown(props.query, p.query_parts, p.query)} script={props.queryScript} /> <code class="muted">{p.query}</code>
            </td>
            <td>
              <Foreign text={shown(props.candidate, p.candidate_parts, p.candidate)} script={props.candidateScript} /> <code class="muted">{p.candidate}</code>
            </td>
            <td>
              <span class="method" style={{ '--method': methodColor(p.method) }}>{p.method}</span>
              {p.note ? <span class="hint"> {p.note}</span> : null}
            </td>
            <td class="num">{p.similarity.toFixed(2)}</td>
            <td class="num">{p.weight.toFixed(2)}</td>
          </tr>
        ))}
        {props.unmatchedQuery.map((t, i) => (
          <tr key={'q' + i} class="unmatched-row">
            <td><code>{t}</code></td>
            <td class="muted">—</td>
            <td colSpan={3} class="muted">only in the name screened</td>
          </tr>
        ))}
        {props.unmatchedCandidate.map((t, i) => (
          <tr key={'c' + i} class="unmatched-row">
            <td class="muted">—</td>
            <td><code>{t}</code></td>
            <td colSpan={3} class="muted">only in the listed name</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
