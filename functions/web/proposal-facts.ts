import { copenhagenDate } from '../domain/danish-time.ts';
import type { HandoverRecord } from '../domain/handover.ts';
import { postalCodeIn } from '../domain/match-scoring.ts';
import { calendarDate } from './calendar-date.ts';
import type { Lang } from './field-errors.ts';
import { kommuneNameOf } from './handover-texts.ts';
import { countOf } from './plural.ts';
import { helpLabels, languageLabels } from './volunteer-texts.ts';

/** What a volunteer is told about the refugee proposed to them: on the proposal page and in its email. */

const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

/** The household in a sentence to a volunteer (staff tables use `householdText` of handover-texts.ts). */
export const householdSentence = (record: HandoverRecord, lang: Lang): string => {
  const p = record.person;
  if (!p || p.household === 'alone') return lang === 'en' ? 'One person' : 'Én person';
  const adults = p.adults ?? 1;
  const children = p.childrenAges.length;
  const list = new Intl.ListFormat(lang === 'en' ? 'en-GB' : 'da-DK', { type: 'conjunction' });
  const ages = [...p.childrenAges].sort((a, b) => a - b).map(String);
  if (lang === 'en')
    return `A family of ${countOf(adults, 'adult', 'adults', 'en')}${children ? ` and ${countOf(children, 'child', 'children', 'en')} (aged ${list.format(ages)})` : ''}`;
  return `En familie med ${countOf(adults, 'voksen', 'voksne')}${children ? ` og ${countOf(children, 'barn', 'børn')} (${list.format(ages)} år)` : ''}`;
};

const levelWords: Record<Lang, Record<string, string>> = {
  da: { none: 'ikke endnu', basic: 'lidt', good: 'godt', fluent: 'flydende' },
  en: { none: 'not yet', basic: 'a little', good: 'well', fluent: 'fluently' },
};

/** "Taler dansk: lidt · engelsk: godt": what the volunteer can expect to talk in. */
export const languageLevelsOf = (record: HandoverRecord, lang: Lang): string | undefined => {
  const p = record.person;
  if (!p) return undefined;
  const words = levelWords[lang];
  return lang === 'en'
    ? `Speaks Danish ${words[p.danishLevel]}, English ${words[p.englishLevel]}`
    : `Taler dansk ${words[p.danishLevel]}, engelsk ${words[p.englishLevel]}`;
};

/** When the refugee moves: "Flytter til kommunen 15. december 2026", or "Flyttede …" once it is past. */
export const movingSentence = (record: HandoverRecord, lang: Lang, now: Date): string | undefined => {
  const moving = record.person?.expectedMovingDate;
  if (!moving) return undefined;
  const past = moving <= copenhagenDate(now);
  if (lang === 'en')
    return `${past ? 'Moved' : 'Moves'} to the municipality on ${calendarDate(moving, lang)}`;
  return `${past ? 'Flyttede' : 'Flytter'} til kommunen ${calendarDate(moving, lang)}`;
};

/** What a friendship through Venner asks of a volunteer, said before they answer. */
export const friendshipInvolves = (lang: Lang): string =>
  lang === 'en'
    ? 'A friendship through Venner lasts at least six months, and you meet about every other week: a coffee, a walk, help with a letter or the bus. You decide together what you do, and your coordinator is there if something is difficult.'
    : 'Et venskab gennem Venner varer mindst et halvt år, og I ses cirka hver anden uge: en kop kaffe, en gåtur, hjælp med et brev eller bussen. I bestemmer selv, hvad I laver sammen, og jeres koordinator er der, hvis noget er svært.';

/** Who proposed the match, and how to reach them. */
export const coordinatorSentence = (name: string, email: string | undefined, lang: Lang): string => {
  if (lang === 'en')
    return email
      ? `Your coordinator is ${name} (${email}): write if you have questions before you answer.`
      : `Your coordinator is ${name}. If you have questions before you answer, write to them: the address is in the email with the proposal.`;
  return email
    ? `Din koordinator er ${name} (${email}): skriv, hvis du har spørgsmål, før du svarer.`
    : `Din koordinator er ${name}. Har du spørgsmål, før du svarer, så skriv til dem: adressen står i e-mailen med forslaget.`;
};

export const languagesOf = (record: HandoverRecord, lang: Lang) =>
  [
    ...(record.person?.languages ?? []).map((l) => languageLabels[l][lang]),
    ...(record.person?.otherLanguages ? [record.person.otherLanguages] : []),
  ].join(', ');

const areaOf = (record: HandoverRecord) => {
  const postal = postalCodeIn(record.person?.newAddress);
  return `${kommuneNameOf(record.kommuneCode)}${postal ? ` (${postal})` : ''}`;
};

/** What the volunteer needs to decide, and nothing more: no surname, no phone, no address. */
export const proposalFacts = (record: HandoverRecord, lang: Lang, now: Date): string[] => {
  const help = (record.person?.helpWith ?? []).map((h) => helpLabels[h][lang]).join(', ');
  const moving = movingSentence(record, lang, now);
  const levels = languageLevelsOf(record, lang);
  const facts =
    lang === 'en'
      ? [
          `First name: ${firstName(record.person?.name ?? '')}`,
          `Household: ${householdSentence(record, lang)}`,
          `Languages: ${languagesOf(record, lang)}`,
          ...(levels ? [levels] : []),
          `Area: ${areaOf(record)}`,
          ...(moving ? [moving] : []),
        ]
      : [
          `Fornavn: ${firstName(record.person?.name ?? '')}`,
          `Husstand: ${householdSentence(record, lang)}`,
          `Sprog: ${languagesOf(record, lang)}`,
          ...(levels ? [levels] : []),
          `Område: ${areaOf(record)}`,
          ...(moving ? [moving] : []),
        ];
  if (help) facts.push(lang === 'en' ? `Would like help with: ${help}` : `Vil gerne have hjælp til: ${help}`);
  return facts;
};

/** The three answers to a proposal, in the order the email and the page offer them. */
export const proposalAnswerLabels: Record<'accept' | 'not-now' | 'decline', Record<Lang, string>> = {
  accept: { da: 'Ja, det vil jeg gerne', en: 'Yes, I would like to' },
  'not-now': { da: 'Ikke lige nu', en: 'Not right now' },
  decline: { da: 'Nej tak til dette forslag', en: 'No, thank you, not this one' },
};

/** What each answer does, said once before the volunteer chooses. */
export const proposalAnswersExplained = (lang: Lang): string =>
  lang === 'en'
    ? 'If you say yes, you get their contact details. “Not right now” means we find someone else and send you no new proposals until you say you are ready. “No, thank you” means we find someone else for this person, and may ask you again about someone new.'
    : 'Siger du ja, får du personens kontaktoplysninger. „Ikke lige nu“ betyder, at vi finder en anden og ikke sender dig nye forslag, før du siger, at du er klar. „Nej tak“ betyder, at vi finder en anden til personen og gerne må spørge dig igen om en ny.';
