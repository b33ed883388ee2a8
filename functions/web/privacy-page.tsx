import { noticeLanguages } from '../../shared/handover-contract.ts';
import type { Lang } from './field-errors.ts';
import { withLang } from './lang-path.ts';
import { Layout } from './layout.tsx';
import {
  type Audience,
  currentVersion,
  type NoticeFile,
  noticeOf,
  noticeText,
  noticeVersions,
} from './privacy-notices/notices.ts';

export const privacyBasePath = '/privatliv';
export const refugeesNoticeBasePath = `${privacyBasePath}/flygtninge`;

/** Where a version of a notice is published (the version a consent records). */
export const noticePath = (audience: Audience, version: string, language?: string): string =>
  audience === 'volunteers'
    ? `${privacyBasePath}/${version}`
    : `${refugeesNoticeBasePath}/${version}/${language ?? 'danish'}`;

const chrome = {
  da: {
    version: 'Version',
    current: 'Det er den gældende version.',
    older: 'Det er en tidligere version. Den gældende er',
    versions: 'Alle versioner',
    languages: 'Sprog',
    unreviewed:
      'Oversættelsen er endnu ikke kontrolleret af en translatør. Er du i tvivl, gælder den danske tekst.',
    print: 'Siden kan udskrives på A4 (Ctrl+P eller ⌘+P), så flygtningen kan få den med.',
    published: 'offentliggjort',
  },
  en: {
    version: 'Version',
    current: 'This is the current version.',
    older: 'This is an earlier version. The current one is',
    versions: 'All versions',
    languages: 'Languages',
    unreviewed:
      'This translation has not yet been checked by a certified translator. If in doubt, the Danish text applies.',
    print: 'The page prints on A4 (Ctrl+P or ⌘+P), so the refugee can take it along.',
    published: 'published',
  },
};

const NoticeBody = ({ notice }: { notice: NoticeFile }) => (
  <article class="venner-notice" lang={notice.locale} dir={notice.dir}>
    <h1>{notice.title}</h1>
    {notice.lead ? <p class="font-lead">{notice.lead}</p> : null}
    {notice.sections.map((section) => (
      <section key={section.id} id={section.id}>
        <h2>{section.heading}</h2>
        {(section.paragraphs ?? []).map((text) => (
          <p key={text}>{noticeText(notice, text)}</p>
        ))}
        {section.items ? (
          <ul>
            {section.items.map((text) => (
              <li key={text}>{noticeText(notice, text)}</li>
            ))}
          </ul>
        ) : null}
        {(section.links ?? []).map((link) => (
          <p key={link.href}>
            <a href={link.href}>{link.text}</a>
          </p>
        ))}
      </section>
    ))}
  </article>
);

const VersionFacts = ({
  audience,
  version,
  lang,
  language,
}: {
  audience: Audience;
  version: string;
  lang: Lang;
  language?: string;
}) => {
  const text = chrome[lang];
  const current = currentVersion(audience);
  const href = (v: string) =>
    audience === 'volunteers' ? withLang(noticePath(audience, v), lang) : noticePath(audience, v, language);
  return (
    <div class="venner-notice-facts">
      <p>
        {text.version} {version}.{' '}
        {version === current ? (
          text.current
        ) : (
          <>
            {text.older} <a href={href(current)}>{current}</a>.
          </>
        )}
      </p>
      {noticeVersions[audience].length > 1 ? (
        <nav aria-label={text.versions} class="venner-notice-nav">
          <p>
            {text.versions}:{' '}
            {[...noticeVersions[audience]].reverse().map((v, i) => (
              <span key={v}>
                {i ? ', ' : ''}
                {v === version ? <strong>{v}</strong> : <a href={href(v)}>{v}</a>}
              </span>
            ))}
          </p>
        </nav>
      ) : null}
    </div>
  );
};

/** The volunteers' notice of one version, in Danish or English: what the sign-up's consent links to. */
export const VolunteerPrivacyPage = ({ lang, version }: { lang: Lang; version: string }) => {
  const notice = noticeOf('volunteers', version, lang === 'da' ? 'danish' : 'english');
  if (!notice) throw new Error(`No volunteers' notice ${version}`);
  return (
    <Layout
      title={`${notice.title} ${version}`}
      lang={lang}
      alternate={{
        href: withLang(noticePath('volunteers', version), lang === 'da' ? 'en' : 'da'),
        lang: lang === 'da' ? 'en' : 'da',
      }}
    >
      <VersionFacts audience="volunteers" version={version} lang={lang} />
      <NoticeBody notice={notice} />
      <p class="venner-notice-facts">
        {lang === 'da' ? 'Se også, hvad flygtningene får at vide: ' : 'See also what refugees are told: '}
        <a href={refugeesNoticeBasePath}>
          {lang === 'da' ? 'information til flygtninge' : 'information for refugees'}
        </a>
      </p>
    </Layout>
  );
};

/**
 * The refugees' notice: what the caseworker explains at the handover, in the language chosen, right
 * to left where the language is, printable on A4. The frame stays Danish (staff open it); the notice
 * carries its own `lang` and `dir`.
 */
export const RefugeePrivacyPage = ({ version, language }: { version: string; language: string }) => {
  const notice = noticeOf('refugees', version, language);
  if (!notice) throw new Error(`No refugees' notice ${version} in ${language}`);
  const text = chrome.da;
  return (
    <Layout title={`Information til flygtninge, version ${version} (${notice.name})`}>
      <nav aria-label={text.languages} class="venner-notice-nav venner-notice-languages">
        <ul class="nobullet-list">
          {noticeLanguages.map((l) => {
            const other = noticeOf('refugees', version, l);
            if (!other) return null;
            return (
              <li key={l}>
                {l === language ? (
                  <strong lang={other.locale}>{other.name}</strong>
                ) : (
                  <a href={noticePath('refugees', version, l)} lang={other.locale} hrefLang={other.locale}>
                    {other.name}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      </nav>
      <VersionFacts audience="refugees" version={version} lang="da" language={language} />
      {notice.review.status === 'unreviewed' ? (
        <div class="alert alert-info venner-notice-review">
          <p class="alert-text">{text.unreviewed}</p>
        </div>
      ) : null}
      <p class="venner-notice-nav">{text.print}</p>
      <NoticeBody notice={notice} />
    </Layout>
  );
};
