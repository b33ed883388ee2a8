import { pathOf } from '../../shared/routes.ts';
import {
  barValue,
  type KommuneFigures,
  type PublicFigures,
  type ShownTotal,
} from '../domain/public-figures.ts';
import type { Lang } from './field-errors.ts';
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
    lead: (missing: string) =>
      `Lige nu mangler der ${missing} frivillige venner til flygtninge, der venter på en ven.`,
    region: 'Region',
    all: 'Hele landet',
    show: 'Vis',
    kommune: 'Kommune',
    waiting: 'Venter på en ven',
    available: 'Ledige frivillige',
    missing: 'Mangler',
    chart: 'Mangler (figur)',
    signUp: (name: string) => `Meld dig i ${name}`,
    note: 'Tal på 1 og 2 vises som "under 3", så ingen kan genkendes; en sum med "under 3" i vises derfor som "mindst". Tallene opdateres løbende.',
    caption: 'Frivillige der mangler, pr. kommune, flest først',
    bar: (name: string, n: string) => `${name}: mangler ${n}`,
  },
  en: {
    title: 'Where are volunteers missing?',
    lead: (missing: string) =>
      `Right now ${missing} volunteer friends are missing for refugees who are waiting for a friend.`,
    region: 'Region',
    all: 'All of Denmark',
    show: 'Show',
    kommune: 'Municipality',
    waiting: 'Waiting for a friend',
    available: 'Available volunteers',
    missing: 'Missing',
    chart: 'Missing (chart)',
    signUp: (name: string) => `Sign up in ${name}`,
    note: 'Counts of 1 and 2 are shown as "under 3", so nobody can be recognised; a total with "under 3" in it is therefore shown as "at least". The figures are updated continuously.',
    caption: 'Volunteers missing per municipality, most first',
    bar: (name: string, n: string) => `${name}: ${n} missing`,
  },
};

const Row = ({ k, lang, largest }: { k: KommuneFigures; lang: Lang; largest: number }) => {
  const text = t[lang];
  return (
    <tr>
      <th scope="row">{k.name}</th>
      <td class="venner-number">{show(k.waiting, lang)}</td>
      <td class="venner-number">{show(k.available, lang)}</td>
      <td class="venner-number">
        <strong>{show(k.missing, lang)}</strong>
      </td>
      <td>
        <meter
          min={0}
          max={Math.max(largest, 1)}
          value={barValue(k.missing)}
          aria-label={text.bar(k.name, show(k.missing, lang))}
        />
      </td>
      <td>
        <a href={`${signupPath}?kommune=${k.code}${lang === 'en' ? '&lang=en' : ''}`}>
          {text.signUp(k.name)}
        </a>
      </td>
    </tr>
  );
};

export const FiguresPage = ({
  lang,
  figures,
  region,
}: {
  lang: Lang;
  figures: PublicFigures;
  region?: string;
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
      <p class="font-lead">{text.lead(show(figures.totals.missing, lang))}</p>
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
              <th scope="col">{text.chart}</th>
              <th scope="col">
                <span class="sr-only">{lang === 'da' ? 'Tilmelding' : 'Sign-up'}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {figures.kommuner.map((k) => (
              <Row key={k.code} k={k} lang={lang} largest={figures.largestMissing} />
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
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      <p>{text.note}</p>
    </Layout>
  );
};
