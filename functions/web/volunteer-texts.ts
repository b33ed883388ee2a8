import type {
  ageRanges,
  genders,
  heardFromOptions,
  helpOptions,
  languageOptions,
  meetingFrequencies,
  organisations,
  volunteerKinds,
} from '../../shared/volunteer-contract.ts';
import type { Lang } from './field-errors.ts';

type Labels<T extends readonly string[]> = Record<T[number], Record<Lang, string>>;

export const kindLabels: Labels<typeof volunteerKinds> = {
  friend: { da: 'Ven (én person)', en: 'Friend (one person)' },
  family: { da: 'Venskabsfamilie', en: 'Friend family' },
};

export const languageLabels: Labels<typeof languageOptions> = {
  danish: { da: 'Dansk', en: 'Danish' },
  english: { da: 'Engelsk', en: 'English' },
  arabic: { da: 'Arabisk', en: 'Arabic' },
  tigrinya: { da: 'Tigrinya', en: 'Tigrinya' },
  dari: { da: 'Dari', en: 'Dari' },
  farsi: { da: 'Farsi', en: 'Farsi' },
  pashto: { da: 'Pashto', en: 'Pashto' },
  somali: { da: 'Somali', en: 'Somali' },
  kurdish: { da: 'Kurdisk', en: 'Kurdish' },
  ukrainian: { da: 'Ukrainsk', en: 'Ukrainian' },
  russian: { da: 'Russisk', en: 'Russian' },
  french: { da: 'Fransk', en: 'French' },
  german: { da: 'Tysk', en: 'German' },
  spanish: { da: 'Spansk', en: 'Spanish' },
};

export const helpLabels: Labels<typeof helpOptions> = {
  'everyday-danish': { da: 'Dansk i hverdagen', en: 'Everyday Danish' },
  'authority-letters': { da: 'Breve fra myndighederne', en: 'Letters from the authorities' },
  'job-search': { da: 'Jobsøgning (fx jobnet og joblog)', en: 'Job search (e.g. jobnet and joblog)' },
  'leisure-and-sport': { da: 'Fritid, foreninger og sport', en: 'Leisure, clubs and sport' },
  homework: { da: 'Børnenes lektier', en: 'Children’s homework' },
  'getting-to-know-the-town': {
    da: 'Lære byen at kende (fx busplanen)',
    en: 'Getting to know the town (e.g. the buses)',
  },
  'practical-matters': { da: 'Praktiske ting i hverdagen', en: 'Practical everyday matters' },
};

export const frequencyLabels: Labels<typeof meetingFrequencies> = {
  weekly: { da: 'Hver uge', en: 'Every week' },
  'every-other-week': { da: 'Hver anden uge (anbefalet)', en: 'Every other week (recommended)' },
  monthly: { da: 'En gang om måneden', en: 'Once a month' },
  flexible: { da: 'Det aftaler vi', en: 'We will agree' },
};

export const organisationLabels: Labels<typeof organisations> = {
  'red-cross': { da: 'Røde Kors', en: 'Red Cross' },
  'danish-refugee-council': { da: 'Dansk Flygtningehjælp', en: 'Danish Refugee Council' },
  'other-association': { da: 'En anden forening', en: 'Another association' },
  none: { da: 'Ingen', en: 'None' },
};

export const genderLabels: Labels<typeof genders> = {
  woman: { da: 'Kvinde', en: 'Woman' },
  man: { da: 'Mand', en: 'Man' },
  other: { da: 'Andet', en: 'Other' },
};

export const ageRangeLabels: Labels<typeof ageRanges> = {
  '18-29': { da: '18–29 år', en: '18–29' },
  '30-44': { da: '30–44 år', en: '30–44' },
  '45-59': { da: '45–59 år', en: '45–59' },
  '60-74': { da: '60–74 år', en: '60–74' },
  '75+': { da: '75 år eller ældre', en: '75 or older' },
};

export const heardFromLabels: Labels<typeof heardFromOptions> = {
  facebook: { da: 'Facebook', en: 'Facebook' },
  'friend-or-family': { da: 'Venner eller familie', en: 'Friends or family' },
  'red-cross': { da: 'Røde Kors', en: 'Red Cross' },
  'danish-refugee-council': { da: 'Dansk Flygtningehjælp', en: 'Danish Refugee Council' },
  kommune: { da: 'Kommunen', en: 'The municipality' },
  news: { da: 'Nyheder eller medier', en: 'News or media' },
  other: { da: 'Andet', en: 'Other' },
};
