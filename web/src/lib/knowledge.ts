// The knowledge base's JSON shapes as the UI reads them (docs/cli.md
// "Common shapes", docs/api.md: /v1/search, /v1/entities/{id},
// /v1/sources/{id}, /v1/conflicts), and small helpers to say them in words:
// predicates, scripts, languages and countries, figures (dates:
// partial-dates.ts).

export interface EntityRef {
  id: string;
  name: string;
  kind: string;
}

export interface Name {
  text: string;
  kind: string; // primary | alias | weak_alias | original_script | transliteration | ...
  script: string | null;
  lang: string | null;
}

export interface Claim {
  claim_id: number;
  source: string;
  source_title: string;
  publisher: string | null;
  author: string | null;
  source_date: string | null;
  span: [number, number] | null; // code points
  passage: string | null;
  digest: string | null;
  locator: string | null;
  party: EntityRef | null;
  party_label: string | null;
  stance: string; // asserts | denies
  confidence: number;
  note: string | null;
}

export interface Relation {
  fact_id: number;
  subject: EntityRef;
  predicate: string;
  object: EntityRef;
  role: string | null;
  from: string | null;
  to: string | null;
  claims: Claim[];
}

export interface Quantity {
  best: number | null;
  low: number | null;
  high: number | null;
}

// A perpetrator (claimed | attributed | suspected | facilitated) or a
// target of an event.
export interface Participant {
  entity: EntityRef | null;
  label: string | null;
  role: string;
  claims: Claim[];
}

export interface EventRecord {
  id: string;
  fact_id: number;
  type: string;
  title: string;
  date: string | null;
  from: string | null;
  to: string | null;
  place: { city: string | null; province: string | null; country: string | null; entity: EntityRef | null; detail: string | null };
  killed: Quantity | null;
  wounded: Quantity | null;
  perpetrators: Participant[];
  targets: Participant[];
  claims: Claim[];
  roles?: string[]; // on a card: the entity's roles in it
}

// An event as a cited fact or a conflict names it: without claims.
export type EventFact = Omit<EventRecord, 'claims' | 'perpetrators' | 'targets'> & {
  perpetrators: Omit<Participant, 'claims'>[];
  targets: Omit<Participant, 'claims'>[];
};

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
  unit: string | null;
  scope: string | null;
  scope_entity: EntityRef | null;
  as_of: string | null;
  claims: Claim[];
}

export interface Designation {
  fact_id: number;
  entity: EntityRef;
  authority: EntityRef | null;
  authority_code: string;
  list: string | null;
  program: string;
  reference: string | null;
  date: string | null;
  claims: Claim[];
}

export interface LinkedRecord {
  entity: EntityRef;
  dataset: string;
  reference: string | null;
  role: 'curated_card' | 'list_record';
  method: string;
  score: number;
  reason: string;
  names: Name[];
  designations: Designation[];
}

export interface EntityCard extends EntityRef {
  matched_name: string;
  description: string;
  names: Name[];
  attributes: Record<string, string>;
  dataset: string;
  reference: string | null;
  values: { key: string; value: string }[];
  identifiers: { type: string; value: string; country: string | null; note: string | null }[];
  claims: Claim[];
  designations: Designation[];
  designates: Designation[];
  relations: { outgoing: Relation[]; incoming: Relation[] };
  events: EventRecord[];
  estimates: Estimate[];
  shares_names_with: { name: string; entity: EntityRef }[];
  linked: LinkedRecord[];
}

export interface SearchHit {
  id: string;
  name: string;
  kind: string;
  dataset: string;
  score: number;
  matched_name: { text: string; type: string | null; script: string | null };
  listed: boolean;
  references?: string[];
  programs?: string[];
  nationalities?: string[];
  birth_dates?: string[];
  linked?: string | null;
}

export interface SearchAnswer {
  query: string;
  total: number;
  limit: number;
  offset: number;
  lists: { dataset: string; version: string; publish_date: string }[];
  results: SearchHit[];
}

export interface SourceRow {
  id: string;
  title: string;
  publisher: string | null;
  author: string | null;
  date: string | null;
  url: string | null;
  sha256: string | null;
  kind: string;
  length: number | null;
  file: string | null;
  dataset: string;
  claims: number;
  text_stored: boolean;
}

// A claim on an event's perpetrator or target (fact type "participant").
export interface ParticipantFact {
  event: { id: string; title: string };
  entity: EntityRef | null;
  label: string | null;
  role: string;
}

export interface CitedFact {
  fact_id: number;
  type: 'entity' | 'relation' | 'event' | 'participant' | 'estimate' | 'designation';
  summary: string;
  entities: EntityRef[];
  entity?: EntityRef;
  relation?: Omit<Relation, 'claims'>;
  event?: EventFact;
  participant?: ParticipantFact;
  estimate?: Omit<Estimate, 'claims'>;
  designation?: Omit<Designation, 'claims'>;
}

export interface SourceClaim extends Claim {
  fact: CitedFact;
}

export interface SourceDocument {
  source: SourceRow;
  text: string | null;
  offset: number;
  limit: number;
  claims: SourceClaim[];
}

export interface ConflictSide {
  position: string;
  entity?: EntityRef;
  role?: string;
  estimate?: Omit<Estimate, 'claims'>;
  name_kind?: string;
  claims: Claim[];
}

// What a conflict is about, by fact_type (engine/json FactJson): the fact
// without its claims (the sides carry them).
export type ConflictFact =
  | { fact_type: 'relation'; fact: Omit<Relation, 'claims'> }
  | { fact_type: 'event'; fact: EventFact }
  | { fact_type: 'designation'; fact: Omit<Designation, 'claims'> }
  | { fact_type: 'participant'; fact: ParticipantFact }
  | { fact_type: 'estimate'; fact: { subject: EntityRef; quantity: string } }
  | { fact_type: 'name'; fact: { name: string } }
  | { fact_type: 'entity'; fact: EntityRef };

export type Conflict = ConflictFact & {
  kind: 'contested' | 'attribution' | 'estimate' | 'shared_name';
  summary: string;
  sides: ConflictSide[];
};

export interface ConflictReport {
  count: number;
  by_kind: Record<string, number>;
  conflicts: Conflict[];
}

// ---- words ----

export const SYMMETRIC = new Set(['allied_with', 'hostile_to', 'negotiates_with', 'family_of']);

// "holds_position_in" -> "holds position in"
export function words(slug: string): string {
  return slug.replace(/[_-]+/g, ' ');
}

export function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

const displayNames = (type: 'language' | 'region' | 'script') => {
  try {
    return new Intl.DisplayNames(['en'], { type });
  } catch {
    return null;
  }
};
const LANGUAGES = displayNames('language');
const REGIONS = displayNames('region');
const SCRIPTS = displayNames('script');

function named(names: Intl.DisplayNames | null, code: string): string {
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}
export const languageName = (code: string) => named(LANGUAGES, code);
export const countryName = (code: string) => (/^[A-Za-z]{2}$/.test(code) ? named(REGIONS, code.toUpperCase()) : code);
export const scriptName = (code: string) => named(SCRIPTS, code);

// The script of a text from its first letter, for names whose script the
// answer does not say (ISO 15924).
export function detectScript(text: string): string | null {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (/\p{Script=Latin}/u.test(ch)) return 'Latn';
    if (/\p{Script=Arabic}/u.test(ch)) return 'Arab';
    if (/\p{Script=Cyrillic}/u.test(ch)) return 'Cyrl';
    if (/\p{Script=Hebrew}/u.test(ch)) return 'Hebr';
    if (/\p{Script=Greek}/u.test(ch)) return 'Grek';
    if (/\p{Script=Han}/u.test(ch)) return 'Hani';
    if (/\p{Script=Devanagari}/u.test(ch)) return 'Deva';
    if (/\p{Script=Georgian}/u.test(ch)) return 'Geor';
    if (/\p{Script=Armenian}/u.test(ch)) return 'Armn';
    if (c > 0x7f && /\p{L}/u.test(ch)) return null;
  }
  return null;
}

// Made once: making a formatter costs more than using it.
const NUMBER = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

function formatNumber(n: number): string {
  return NUMBER.format(n);
}

const CURRENCY = (n: number) => (n >= 1e9 ? `${NUMBER.format(n / 1e9)} bn` : n >= 1e6 ? `${NUMBER.format(n / 1e6)} m` : NUMBER.format(n));

// An estimate's figure in words, with its unit: "about 2,400 fighters",
// "1,000–3,000 people", "at least $1.5 bn", "30 of 34 provinces".
export function estimateWords(e: Pick<Estimate, 'value' | 'low' | 'high' | 'qualifier' | 'unit' | 'of'>): string {
  const usd = e.unit === 'usd';
  const n = (x: number) => (usd ? '$' + CURRENCY(x) : formatNumber(x));
  const q = e.qualifier ? words(e.qualifier) + ' ' : '';
  let core: string;
  if (e.value !== null) core = q + n(e.value);
  else if (e.low !== null && e.high !== null) core = `${q}${n(e.low)}–${n(e.high)}`;
  else if (e.low !== null) core = (q || 'at least ') + n(e.low);
  else if (e.high !== null) core = (q || 'up to ') + n(e.high);
  else core = '?';
  const unit = e.unit && !usd ? ' ' + words(e.unit) : '';
  return core + (e.of !== null ? ` of ${formatNumber(e.of)}` : '') + unit;
}

// Killed or wounded: "12", "12 (10–15)", "10–15", "at least 10", "up to 15".
export function quantity(q: Quantity | null): string {
  if (!q) return '';
  if (q.best !== null && q.low !== null && q.high !== null) return `${formatNumber(q.best)} (${formatNumber(q.low)}–${formatNumber(q.high)})`;
  if (q.best !== null) return formatNumber(q.best);
  if (q.low !== null && q.high !== null) return `${formatNumber(q.low)}–${formatNumber(q.high)}`;
  if (q.low !== null) return `at least ${formatNumber(q.low)}`;
  if (q.high !== null) return `up to ${formatNumber(q.high)}`;
  return '';
}

// Who makes a claim: its party entity, or the party's label, or the
// source itself (its publisher, else its title).
export function partyOf(c: Claim): { id?: string; name: string } {
  if (c.party) return { id: c.party.id, name: c.party.name };
  return { name: c.party_label ?? c.publisher ?? c.source_title };
}

const DATASET_LABELS: Record<string, string> = {
  curated: 'Knowledge base',
  'un-consolidated': 'UN consolidated',
  'ofac-sdn': 'OFAC SDN',
};
export const datasetLabel = (d: string) => DATASET_LABELS[d] ?? d;

const NAME_KINDS: Record<string, string> = {
  primary: 'primary',
  alias: 'alias',
  weak_alias: 'weak alias',
  original_script: 'original script',
  transliteration: 'transliteration',
  previous: 'previous name',
  maiden: 'maiden name',
};
export const nameKind = (k: string | null | undefined) => (k ? NAME_KINDS[k] ?? words(k) : '');
