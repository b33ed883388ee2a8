import { groupOfferLabels } from '../../shared/organisations-contract.ts';
import { pathOf } from '../../shared/routes.ts';
import type { PublicGroup } from '../domain/organisations.ts';
import {
  barValue,
  type KommuneFigures,
  type PublicFigures,
  type ShownTotal,
} from '../domain/public-figures.ts';
import type { Lang } from './field-errors.ts';
import { phoneText } from './handover-texts.ts';
import { KommuneMap } from './kommune-map.tsx';
import { Layout } from './layout.tsx';
import { signupPath } from './signup-page.tsx';

export const figuresPath = pathOf('public-figures', 'page');

const show = (n: ShownTotal, lang: Lang): string => {
  if (n === 'under 3') return 'under 3';
  if (typeof n === 'object') return `${lang === 'da' ? 'mindst' : 'at least'} ${show(n.atLeast, lang)}`;
  return n.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB');
};

const t = {
  da: {
    title: 'Hvor mangler der frivillige?',
    lead: (missing: string, region?: string) =>
      `${region ? `I ${region} mangler` : 'Lige nu mangler'} der ${missing === '0' ? 'ingen' : missing} frivillige venner til flygtninge, der venter på en ven.`,
    mapTitle: (region?: string) =>
      region
        ? `Kort: frivillige der mangler pr. kommune, ${region} fremhævet`
        : 'Kort: frivillige der mangler pr. kommune',
    classes: ['Mangler ingen', 'Mangler under 3', 'Mangler 3–9', 'Mangler 10–24', 'Mangler 25 eller flere'],
    mapLabel: (k: KommuneFigures, lang: Lang) =>
      `${k.name}: ${show(k.waiting, lang)} venter på en ven, ${show(k.available, lang)} ledige frivillige, mangler ${show(k.missing, lang)}. Meld dig i ${k.name}`,
    inset: 'Bornholm er vist i kassen øverst til højre. Vælg en kommune på kortet for at melde dig der.',
    quiet: (n: number) => `${n} kommuner har lige nu ingen, der venter, og ingen ledige frivillige:`,
    region: 'Region',
    all: 'Hele landet',
    show: 'Vis',
    kommune: 'Kommune',
    waiting: 'Venter',
    available: 'Ledige',
    missing: 'Mangler',
    signUp: 'Meld dig i',
    tableNote: 'Vælg en kommune for at melde dig som frivillig der.',
    note: 'Tal på 1 og 2 vises som „under 3“, så ingen kan genkendes; en sum med „under 3“ i vises derfor som „mindst“. Tallene opdateres løbende.',
    caption:
      'Flygtninge, der venter på en ven, ledige frivillige, og frivillige der mangler, pr. kommune, flest først',
  },
  en: {
    title: 'Where are volunteers missing?',
    lead: (missing: string, region?: string) =>
      `${region ? `In ${region}` : 'Right now'} ${missing === '0' ? 'no' : missing} volunteer friends are missing for refugees who are waiting for a friend.`,
    mapTitle: (region?: string) =>
      region
        ? `Map: volunteers missing per municipality, ${region} highlighted`
        : 'Map: volunteers missing per municipality',
    classes: ['None missing', 'Under 3 missing', '3–9 missing', '10–24 missing', '25 or more missing'],
    mapLabel: (k: KommuneFigures, lang: Lang) =>
      `${k.name}: ${show(k.waiting, lang)} waiting for a friend, ${show(k.available, lang)} available volunteers, ${show(k.missing, lang)} missing. Sign up in ${k.name}`,
    inset:
      'Bornholm is shown in the box at the top right. Choose a municipality on the map to sign up there.',
    quiet: (n: number) => `${n} municipalities have nobody waiting and no available volunteers right now:`,
    region: 'Region',
    all: 'All of Denmark',
    show: 'Show',
    kommune: 'Municipality',
    waiting: 'Waiting',
    available: 'Available',
    missing: 'Missing',
    signUp: 'Sign up in',
    tableNote: 'Choose a municipality to sign up as a volunteer there.',
    note: 'Counts of 1 and 2 are shown as “under 3”, so nobody can be recognised; a total with “under 3” in it is therefore shown as “at least”. The figures are updated continuously.',
    caption:
      'Refugees waiting for a friend, available volunteers, and volunteers missing, per municipality, most first',
  },
};

const signupHref = (code: string, lang: Lang) =>
  `${signupPath}?kommune=${code}${lang === 'en' ? '&lang=en' : ''}`;

/** The map's colour class of a gap as shown: none, under 3, 3–9, 10–24, 25 or more. */
export const missingClass = (missing: ShownTotal): number => {
  const n = barValue(missing);
  if (n === 0) return 0;
  if (missing === 'under 3') return 1;
  return n < 10 ? 2 : n < 25 ? 3 : 4;
};

const quiet = (k: KommuneFigures) => k.waiting === 0 && k.available === 0;

const Row = ({ k, lang }: { k: KommuneFigures; lang: Lang }) => {
  const text = t[lang];
  return (
    <tr>
      <th scope="row">
        <a href={signupHref(k.code, lang)}>
          <span class="sr-only">{text.signUp} </span>
          {k.name}
        </a>
      </th>
      <td class="venner-number">{show(k.waiting, lang)}</td>
      <td class="venner-number">{show(k.available, lang)}</td>
      <td class="venner-number">
        <strong>{show(k.missing, lang)}</strong>
      </td>
    </tr>
  );
};

/** Kommuner with nothing to show are named in one paragraph (with their sign-up links), not 60 rows of 0. */
const QuietKommuner = ({ kommuner, lang }: { kommuner: readonly KommuneFigures[]; lang: Lang }) =>
  kommuner.length ? (
    <>
      <p>{t[lang].quiet(kommuner.length)}</p>
      <p class="venner-quiet-kommuner">
        {[...kommuner]
          .sort((a, b) => a.name.localeCompare(b.name, 'da'))
          .map((k, i) => (
            <span key={k.code}>
              {i ? ', ' : ''}
              <a href={signupHref(k.code, lang)}>{k.name}</a>
            </span>
          ))}
      </p>
    </>
  ) : null;

/** Each kommune's active local groups: what they offer and how to reach them. */
const LocalGroups = ({
  groups,
  lang,
}: {
  groups: readonly { code: string; name: string; groups: readonly PublicGroup[] }[];
  lang: Lang;
}) => {
  const da = lang === 'da';
  return (
    <section aria-labelledby="local-groups">
      <h2 id="local-groups">{da ? 'Lokale frivilliggrupper' : 'Local volunteer groups'}</h2>
      <p>
        {da
          ? 'Her er de lokale grupper, der er aktive i hver kommune, hvad de tilbyder, og hvordan man kontakter dem. Kommunerne kan henvise flygtninge hertil.'
          : 'These are the local groups active in each municipality, what they offer, and how to contact them. Municipalities can refer refugees to them.'}
      </p>
      {groups.length === 0 ? (
        <p>{da ? 'Der er ingen aktive lokale grupper endnu.' : 'There are no active local groups yet.'}</p>
      ) : (
        <dl class="venner-local-groups">
          {groups.map((k) => (
            <div key={k.code}>
              <dt>{k.name}</dt>
              {k.groups.map((g) => (
                <dd key={g.id}>
                  <strong>{g.name}</strong> ({g.organisation}):{' '}
                  {g.offers.map((o) => groupOfferLabels[o][lang].toLowerCase()).join(', ')}.{' '}
                  <a href={`mailto:${g.email}`}>{g.email}</a>
                  {g.phone ? (
                    <>
                      , <span class="venner-nowrap">{phoneText(g.phone)}</span>
                    </>
                  ) : null}
                </dd>
              ))}
            </div>
          ))}
        </dl>
      )}
    </section>
  );
};

export const FiguresPage = ({
  lang,
  figures,
  region,
  groups = [],
}: {
  lang: Lang;
  figures: PublicFigures;
  region?: string;
  groups?: readonly { code: string; name: string; groups: readonly PublicGroup[] }[];
}) => {
  const text = t[lang];
  return (
    <Layout
      title={text.title}
      lang={lang}
      alternate={
        lang === 'da'
          ? { href: `${figuresPath}?lang=en${region ? `&region=${region}` : ''}`, lang: 'en' }
          : { href: `${figuresPath}${region ? `?region=${region}` : ''}`, lang: 'da' }
      }
    >
      <h1>{text.title}</h1>
      <p class="font-lead">{text.lead(show(figures.totals.missing, lang), figures.region?.name)}</p>
      <KommuneMap
        id="gap-map"
        title={text.mapTitle(figures.region?.name)}
        classes={text.classes.map((label) => ({ label }))}
        kommuner={figures.everyKommune.map((k) => ({
          code: k.code,
          label: text.mapLabel(k, lang),
          classIndex: missingClass(k.missing),
          href: signupHref(k.code, lang),
          highlighted: !figures.region || k.regionCode === figures.region.code,
        }))}
        note={text.inset}
      />
      <form method="get" action={figuresPath} class="venner-form">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="form-group">
          <label class="form-label" for="field-region">
            {text.region}
          </label>
          <select class="form-select" id="field-region" name="region">
            <option value="">{text.all}</option>
            {figures.regions.map((r) => (
              <option key={r.code} value={r.code} selected={r.code === region}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <button class="button button-secondary" type="submit">
          {text.show}
        </button>
      </form>
      <p>{text.tableNote}</p>
      <div class="table--responsive-scroll">
        <table class="table table--zebra venner-figures">
          <caption>{text.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{text.kommune}</th>
              <th scope="col" class="venner-number">
                {text.waiting}
              </th>
              <th scope="col" class="venner-number">
                {text.available}
              </th>
              <th scope="col" class="venner-number">
                {text.missing}
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.kommuner
              .filter((k) => !quiet(k))
              .map((k) => (
                <Row key={k.code} k={k} lang={lang} />
              ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{lang === 'da' ? 'I alt' : 'Total'}</th>
              <td class="venner-number">{show(figures.totals.waiting, lang)}</td>
              <td class="venner-number">{show(figures.totals.available, lang)}</td>
              <td class="venner-number">
                <strong>{show(figures.totals.missing, lang)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <QuietKommuner kommuner={figures.kommuner.filter(quiet)} lang={lang} />
      <p>{text.note}</p>
      <LocalGroups groups={groups} lang={lang} />
    </Layout>
  );
};
