import type { ComponentChildren } from 'preact';
import type { Lang } from './field-errors.ts';
import { Layout } from './layout.tsx';

export const PublicPage = ({
  lang,
  title,
  children,
}: {
  lang: Lang;
  title: string;
  children: ComponentChildren;
}) => (
  <Layout title={title} lang={lang}>
    <h1>{title}</h1>
    {children}
  </Layout>
);

export const ProposalPage = ({
  lang,
  facts,
  matchId,
  token,
}: {
  lang: Lang;
  facts: readonly string[];
  matchId: string;
  token: string;
}) => (
  <PublicPage lang={lang} title={lang === 'en' ? 'Would you like to be their friend?' : 'Vil du være ven?'}>
    <ul>
      {facts.map((fact) => (
        <li key={fact}>{fact}</li>
      ))}
    </ul>
    <form method="post" action="/ven/forslag">
      <input type="hidden" name="match" value={matchId} />
      <input type="hidden" name="token" value={token} />
      <button type="submit" name="answer" value="accept" class="button button-primary">
        {lang === 'en' ? 'Yes, I would like to' : 'Ja, det vil jeg gerne'}
      </button>{' '}
      <button type="submit" name="answer" value="decline" class="button button-secondary">
        {lang === 'en' ? 'No, thank you' : 'Nej tak'}
      </button>
    </form>
  </PublicPage>
);

export const AnswerPage = ({ lang, title, text }: { lang: Lang; title: string; text: string }) => (
  <PublicPage lang={lang} title={title}>
    <p class="font-lead">{text}</p>
  </PublicPage>
);

export const FollowUpPage = ({
  lang,
  answerLabel,
  hidden,
}: {
  lang: Lang;
  answerLabel: string;
  hidden: Record<string, string>;
}) => (
  <PublicPage lang={lang} title={lang === 'en' ? 'Your answer' : 'Dit svar'}>
    <p class="font-lead">{answerLabel}</p>
    <form method="post" action="/ven/opfoelgning">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="button button-primary">
        {lang === 'en' ? 'Send my answer' : 'Send mit svar'}
      </button>
    </form>
  </PublicPage>
);
