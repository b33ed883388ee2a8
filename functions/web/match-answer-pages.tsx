import type { ComponentChildren } from 'preact';
import type { ProposalAnswer } from '../domain/match-proposal.ts';
import { proposalAnswers } from '../domain/match-proposal.ts';
import type { Lang } from './field-errors.ts';
import { Layout } from './layout.tsx';
import { friendshipInvolves, proposalAnswerLabels, proposalAnswersExplained } from './proposal-facts.ts';

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

/**
 * The proposal's confirm page (mail scanners open links; only a button answers): the facts, what a
 * friendship involves, the coordinator, and the three answers; the one chosen in the email first.
 */
export const ProposalPage = ({
  lang,
  facts,
  coordinator,
  chosen,
  matchId,
  token,
}: {
  lang: Lang;
  facts: readonly string[];
  coordinator: string;
  chosen?: ProposalAnswer;
  matchId: string;
  token: string;
}) => {
  const order = chosen
    ? [chosen, ...proposalAnswers.filter((answer) => answer !== chosen)]
    : [...proposalAnswers];
  return (
    <PublicPage lang={lang} title={lang === 'en' ? 'Would you like to be their friend?' : 'Vil du være ven?'}>
      <ul>
        {facts.map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      <p>{friendshipInvolves(lang)}</p>
      <p>{coordinator}</p>
      <p>{proposalAnswersExplained(lang)}</p>
      <form method="post" action="/ven/forslag" class="venner-answers">
        <input type="hidden" name="match" value={matchId} />
        <input type="hidden" name="token" value={token} />
        {order.map((answer, i) => (
          <button
            key={answer}
            type="submit"
            name="answer"
            value={answer}
            class={`button ${i === 0 && chosen ? 'button-primary' : 'button-secondary'}`}
          >
            {proposalAnswerLabels[answer][lang]}
          </button>
        ))}
      </form>
    </PublicPage>
  );
};

export const AnswerPage = ({ lang, title, text }: { lang: Lang; title: string; text: string }) => (
  <PublicPage lang={lang} title={title}>
    <p class="font-lead">{text}</p>
  </PublicPage>
);

/**
 * The confirm page of a follow-up answer (mail scanners open links; only the button answers): the
 * answer chosen in the email is selected, and the volunteer can choose another before sending.
 */
export const FollowUpPage = ({
  lang,
  answers,
  chosen,
  hidden,
}: {
  lang: Lang;
  answers: readonly { readonly value: string; readonly label: string }[];
  chosen: string;
  hidden: Record<string, string>;
}) => (
  <PublicPage
    lang={lang}
    title={lang === 'en' ? 'How is your friendship going?' : 'Hvordan går jeres venskab?'}
  >
    <form method="post" action="/ven/opfoelgning">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset>
        <legend class="h3">{lang === 'en' ? 'Your answer' : 'Dit svar'}</legend>
        {answers.map((answer) => (
          <div class="form-group-radio" key={answer.value}>
            <input
              class="form-radio"
              type="radio"
              id={`answer-${answer.value}`}
              name="svar"
              value={answer.value}
              checked={answer.value === chosen}
            />
            <label for={`answer-${answer.value}`}>{answer.label}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="button button-primary">
        {lang === 'en' ? 'Send my answer' : 'Send mit svar'}
      </button>
    </form>
  </PublicPage>
);
