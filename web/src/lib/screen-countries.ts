// Country codes for the screening forms: every ISO 3166-1 alpha-2 code
// (i18n-iso-countries' list, bundled) with its English name as the rest of
// the UI says it (knowledge.ts countryName), for a datalist that lets an
// officer type either; vigil reads both (docs/screening.md).
import en from 'i18n-iso-countries/langs/en.json';
import { countryName } from './knowledge';

export const COUNTRIES: { code: string; name: string }[] = Object.keys(en.countries)
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));
