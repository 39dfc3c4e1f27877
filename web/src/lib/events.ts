// Events as the timeline and the map read them: a colour and words per type,
// where an event took place in words, which places and actors it names (for
// filters), and who claimed it beside whom others attributed it to.
import { countryName, type EventRecord, type Participant } from './knowledge';
import { yearPosition } from './partial-dates';

const VIOLENT = new Set(['attack', 'suicide_attack', 'bombing', 'assassination', 'hostage_taking', 'strike', 'offensive', 'takeover']);
const THREAT = new Set(['foiled_plot', 'warning']);
const POLITICAL = new Set(['agreement', 'meeting', 'prisoner_release', 'withdrawal', 'statement']);

export function typeColour(type: string): string {
  if (type === 'suicide_attack' || type === 'bombing' || type === 'attack' || type === 'assassination') return '#c0392b';
  if (VIOLENT.has(type)) return '#e67e22';
  if (THREAT.has(type)) return '#b7950b';
  if (POLITICAL.has(type)) return '#2e86c1';
  if (type === 'founding') return '#27ae60';
  return '#7f8c8d';
}

export function placeWords(e: EventRecord): string {
  const p = e.place;
  const parts: string[] = [];
  if (p.city) parts.push(p.city);
  if (p.province && p.province !== p.city) parts.push(p.province);
  if (!p.city && !p.province && p.entity && p.entity.kind === 'place') parts.push(p.entity.name);
  if (p.country) parts.push(countryName(p.country));
  else if (!parts.length && p.entity) parts.push(p.entity.name);
  return parts.join(', ') || p.detail || '';
}

// The places an event can be found by: its country code, its place entity,
// its city and province names (folded).
function placeKeys(e: EventRecord): string[] {
  const keys: string[] = [];
  const p = e.place;
  if (p.country) keys.push(p.country.toUpperCase());
  if (p.entity) keys.push(p.entity.id);
  for (const name of [p.city, p.province]) if (name) keys.push(fold(name));
  return keys;
}

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

// Whether the event matches a place filter: a country code ("AF"), a place
// entity's id, or a city or province name.
export function eventAt(e: EventRecord, place: string): boolean {
  if (!place) return true;
  const keys = placeKeys(e);
  if (/^[A-Z]{2}$/.test(place)) return keys.includes(place);
  return keys.includes(place) || keys.includes(fold(place));
}

// Whether the event names the entity as a perpetrator, target or party of a claim.
export function eventInvolves(e: EventRecord, actor: string): boolean {
  if (!actor) return true;
  for (const p of e.perpetrators) {
    if (p.entity?.id === actor) return true;
    if (p.claims.some((c) => c.party?.id === actor)) return true;
  }
  return e.targets.some((t) => t.entity?.id === actor) || e.place.entity?.id === actor;
}

// The perpetrators who claimed the event themselves, and those others
// attributed it to (or suspected, or said helped).
export function sides(e: EventRecord): { claimed: Participant[]; attributed: Participant[] } {
  return {
    claimed: e.perpetrators.filter((p) => p.role === 'claimed'),
    attributed: e.perpetrators.filter((p) => p.role !== 'claimed'),
  };
}

export function eventYear(e: EventRecord): number | null {
  return yearPosition(e.date ?? e.from);
}
export function eventEndYear(e: EventRecord): number | null {
  return e.to ? yearPosition(e.to) : null;
}
