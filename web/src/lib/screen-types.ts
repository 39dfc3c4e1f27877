// The JSON shapes of screening, decisions and monitoring as the API sends
// them (docs/screening.md "JSON shapes", docs/api.md "Decisions" and
// "Monitoring"), for the screening desk, batch and monitoring views.

export type Kind = 'any' | 'person' | 'organization';

export interface Part {
  text: string;
  folded: string;
  skeleton: string;
  role: string; // given | nasab | nisba | legal_form | noise | place
  weight: number;
  nasab_position?: number;
  source?: string; // the words the part was read from, as written
}

export interface Analysis {
  name: string;
  script: string;
  parts: Part[];
  honorifics: string[];
  nasab: boolean;
}

export interface Cleaning {
  removed: { code_point: string; name: string; count: number }[];
  summary: string;
  text: string;
  displayed: string | null;
}

export interface Pair {
  query: string;
  candidate: string;
  method: string; // exact | transliterated | skeleton | phonetic | nickname | fuzzy | prefix | initial | joined
  similarity: number;
  weight: number;
  note?: string;
  query_parts: number[];
  candidate_parts: number[];
}

export interface Evidence {
  kind: string; // birth_date | country | weak_alias
  effect: number;
  detail: string;
}

export interface Explanation {
  pairs: Pair[];
  unmatched_query: string[];
  unmatched_candidate: string[];
  adjustments: { rule: string; detail: string }[];
  query_reading: 'written' | 'displayed';
  candidate_parts: Part[];
  name_score: number;
  evidence: Evidence[];
  cleaning: Cleaning;
}

export type DecisionKind = 'match' | 'false_positive' | 'needs_review';

export interface HitDecision {
  decision: DecisionKind;
  note: string | null;
  actor: string;
  at: string;
  list_version: string;
  stale: boolean;
}

export interface Designation {
  authority: string;
  program: string;
  list: string | null;
  reference: string | null;
  date: string | null;
}

export interface Hit {
  rank: number;
  entity: string;
  name: string;
  kind: string;
  dataset: string;
  score: number;
  rank_score: number;
  matched_name: { text: string; type: string | null; script: string | null };
  references: string[];
  programs: string[];
  designations: Designation[];
  nationalities: string[];
  linked: string | null;
  explanation: Explanation;
  decisions?: HitDecision[];
}

export interface ListVersion {
  dataset: string;
  kind: string;
  version: string;
  publish_date: string | null;
  sha256: string | null;
  records: number;
}

export interface ScreenQueryEcho {
  name: string;
  birth_date: string | null;
  country: string | null;
  kind: Kind;
  cleaning: Cleaning;
  analysis: Analysis;
  displayed_analysis: Analysis | null;
}

export interface ScreenResponse {
  query: ScreenQueryEcho;
  threshold: number;
  lists: ListVersion[];
  hits: Hit[];
  candidates: number;
  fallback: boolean;
  elapsed_ms: number;
}

// One line of POST /v1/screen/batch's answer: a screened row...
export interface BatchRow {
  line: number;
  id?: string;
  input: Record<string, string>;
  query: ScreenQueryEcho;
  lists: ListVersion[];
  hits: Hit[];
  candidates: number;
  fallback: boolean;
  elapsed_ms: number;
}

// ...the last line (or {"error": {code, message}}, which stops the stream).
export interface BatchSummary {
  input: string;
  output: string;
  rows: number;
  screened: number;
  skipped: number;
  rows_with_hits: number;
  hits: number;
  threshold: number;
  threads: number;
  seconds: number;
  rows_per_second: number;
  lists: ListVersion[];
  problems: string[];
}


export interface Decision {
  id: number;
  at: string;
  actor: string;
  subject: { name: string; birth_date: string | null; country: string | null };
  record: string;
  dataset: string;
  list_version: string;
  decision: DecisionKind;
  note: string | null;
  record_digest: string;
  audit_seq: number;
  stale: boolean;
}

export interface Monitor {
  id: number;
  label: string;
  query: { name: string; birth_date: string | null; country: string | null; kind: string | null };
  created_by: string;
  created_at: string;
  hits: { record: string; dataset: string; score: number; record_digest: string }[];
}

export interface Alert {
  id: number;
  monitor: number;
  label: string;
  at: string;
  kind: 'new' | 'removed' | 'changed';
  record: string;
  dataset: string;
  old_score: number | null;
  new_score: number | null;
  cause: string;
  detail: { subject?: string; name?: string; listed?: boolean; digest_changed?: boolean };
}

export const DECISION_LABELS: Record<DecisionKind, string> = {
  match: 'Match',
  false_positive: 'False positive',
  needs_review: 'Needs review',
};

// Methods that have a colour of their own (style.css --m-*; screen.css
// adds prefix, initial and joined).
export const METHODS = ['exact', 'transliterated', 'phonetic', 'nickname', 'skeleton', 'fuzzy', 'prefix', 'initial', 'joined'] as const;

export function methodColor(method: string): string {
  return (METHODS as readonly string[]).includes(method) ? `var(--m-${method})` : 'var(--muted)';
}

// "un-consolidated 2025-04-19", "ofac-sdn f342cbd8d95d": a list version as
// officers read it.
export function listLabel(l: ListVersion): string {
  return `${l.dataset} ${l.publish_date ?? l.version}`;
}

export function signed(x: number, digits = 2): string {
  const s = x.toFixed(digits);
  return x > 0 ? '+' + s : x < 0 ? '−' + s.slice(1) : s;
}
