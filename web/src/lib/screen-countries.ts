// Country names for the screening forms: ISO 3166-1 alpha-2 codes with
// their English names (i18n-iso-countries' data, bundled), for a datalist
// that lets an officer type either; vigil reads both (docs/screening.md).
import en from 'i18n-iso-countries/langs/en.json';

const NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(en.countries as Record<string, string | string[]>).map(([code, n]) => [code, Array.isArray(n) ? n[0] : n]),
);

export const COUNTRIES: { code: string; name: string }[] = Object.entries(NAMES)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name));

// "AF" -> "Afghanistan"; the code itself when unknown.
export function countryName(code: string): string {
  return NAMES[code.toUpperCase()] ?? code;
}
