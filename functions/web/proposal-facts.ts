import type { HandoverRecord } from '../domain/handover.ts';
import { postalCodeIn } from '../domain/match-scoring.ts';
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
  const ages = children ? ` (${[...p.childrenAges].sort((a, b) => a - b).join(', ')})` : '';
  if (lang === 'en')
    return `A family: ${countOf(adults, 'adult', 'adults', 'en')}${children ? `, ${countOf(children, 'child', 'children', 'en')}${ages}` : ''}`;
  return `En familie: ${countOf(adults, 'voksen', 'voksne')}${children ? `, ${countOf(children, 'barn', 'børn')}${ages}` : ''}`;
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
export const proposalFacts = (record: HandoverRecord, lang: Lang): string[] => {
  const help = (record.person?.helpWith ?? []).map((h) => helpLabels[h][lang]).join(', ');
  const facts =
    lang === 'en'
      ? [
          `First name: ${firstName(record.person?.name ?? '')}`,
          `Household: ${householdSentence(record, lang)}`,
          `Languages: ${languagesOf(record, lang)}`,
          `Area: ${areaOf(record)}`,
        ]
      : [
          `Fornavn: ${firstName(record.person?.name ?? '')}`,
          `Husstand: ${householdSentence(record, lang)}`,
          `Sprog: ${languagesOf(record, lang)}`,
          `Område: ${areaOf(record)}`,
        ];
  if (help) facts.push(lang === 'en' ? `Would like help with: ${help}` : `Vil gerne have hjælp til: ${help}`);
  return facts;
};
