// Prints realistic people's and companies' names that are not on any list,
// in the Arabic, Persian, Urdu, Russian, Turkish and English locales of
// @faker-js/faker, one per line, seeded so every run gives the same names.
//   node generate.mjs [PER_LOCALE=500] [SEED=20261125]
import { allLocales, Faker } from '@faker-js/faker';

const perLocale = Number(process.argv[2] ?? 500);
const seed = Number(process.argv[3] ?? 20261125);
const seen = new Set();
for (const locale of ['ar', 'fa', 'ur', 'ru', 'tr', 'en']) {
  const faker = new Faker({ locale: [allLocales[locale], allLocales.en] });
  faker.seed(seed);
  let made = 0;
  for (let tries = 0; made < perLocale && tries < perLocale * 20; ++tries) {
    // Four people for every organisation, as in a payee or traveller file.
    const name = tries % 5 === 4 ? faker.company.name() : faker.person.fullName();
    const clean = name.replace(/\s+/g, ' ').trim();
    if (!clean || seen.has(clean)) continue;
    seen.add(clean);
    console.log(`${locale}\t${clean}`);
    ++made;
  }
}
