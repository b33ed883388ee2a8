import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';
import type { Lang } from './field-errors.ts';
import { Layout } from './layout.tsx';

const da = [
  [
    'Hvem behandler dine oplysninger',
    'Røde Kors og Dansk Flygtningehjælp er sammen dataansvarlige for programmet Venner.',
  ],
  [
    'Hvad vi gemmer om frivillige',
    'Navn, e-mail, telefon (hvis du oplyser det), kommune, postnummer, om du er ven eller venskabsfamilie, sprog, hvad du vil hjælpe med, hvor ofte I kan mødes, og de valgfrie oplysninger om køn og alder. Vi gemmer også, hvornår du gav samtykke, og til hvilken version af denne erklæring.',
  ],
  [
    'Hvorfor',
    'For at finde en flygtning i din kommune, du kan være ven for, og for at give dig besked, når nogen venter på en ven. Offentlige tal er altid anonyme, og tal på 1 og 2 vises som "under 3".',
  ],
  [
    'Hvor længe',
    'En tilmelding, der ikke bliver bekræftet, slettes efter 30 dage. Du kan til enhver tid slette dine oplysninger under "Min tilmelding"; de slettes med det samme, og kun anonyme tal bliver tilbage.',
  ],
  [
    'Dine rettigheder',
    'Du kan se, rette og slette dine oplysninger, trække dit samtykke tilbage og klage til Datatilsynet.',
  ],
];
const en = [
  [
    'Who processes your details',
    'The Red Cross and the Danish Refugee Council are joint controllers of the Venner programme.',
  ],
  [
    'What we keep about volunteers',
    'Name, email, phone (if you give it), municipality, postal code, whether you are a friend or a friend family, languages, what you would like to help with, how often you can meet, and the optional gender and age. We also keep when you consented, and to which version of this notice.',
  ],
  [
    'Why',
    'To find a refugee in your municipality you can be a friend for, and to tell you when someone is waiting for a friend. Public figures are always anonymous, and counts of 1 and 2 are shown as "under 3".',
  ],
  [
    'For how long',
    'A sign-up that is not confirmed is deleted after 30 days. You can delete your details at any time under "My sign-up"; they are deleted at once, and only anonymous figures remain.',
  ],
  [
    'Your rights',
    'You can see, correct and delete your details, withdraw your consent and complain to the Danish Data Protection Agency (Datatilsynet).',
  ],
];

export const PrivacyPage = ({ lang }: { lang: Lang }) => (
  <Layout
    title={lang === 'da' ? 'Privatlivserklæring' : 'Privacy notice'}
    lang={lang}
    alternate={
      lang === 'da' ? { href: '/privatliv?lang=en', lang: 'en' } : { href: '/privatliv', lang: 'da' }
    }
  >
    <h1>{lang === 'da' ? 'Privatlivserklæring' : 'Privacy notice'}</h1>
    <p class="font-lead">
      {lang === 'da' ? 'Version' : 'Version'} {privacyNoticeVersion}
    </p>
    {(lang === 'da' ? da : en).map(([heading, text]) => (
      <section key={heading}>
        <h2>{heading}</h2>
        <p>{text}</p>
      </section>
    ))}
  </Layout>
);
