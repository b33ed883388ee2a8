import type { ComponentChildren } from 'preact';
import type { ProposalAnswer } from '../domain/match-proposal.ts';
import { proposalAnswers } from '../domain/match-proposal.ts';
import type { Lang } from './field-errors.ts';
import { Layout, Problem } from './layout.tsx';
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

/** A link's own values (match, token …) carried by the confirm page's form. */
const HiddenFields = ({ values }: { values: Record<string, string> }) => (
  <>
    {Object.entries(values).map(([name, value]) => (
      <input key={name} type="hidden" name={name} value={value} />
    ))}
  </>
);

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
      <HiddenFields values={hidden} />
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

/** "Vi har mødtes": one button records today; another day can be chosen first. */
export const MeetingPage = ({
  lang,
  action,
  hidden,
  today,
  start,
  problem,
}: {
  lang: Lang;
  action: string;
  hidden: Record<string, string>;
  today: string;
  start?: string;
  problem?: string;
}) => (
  <PublicPage lang={lang} title={lang === 'en' ? 'We have met' : 'Vi har mødtes'}>
    {problem ? <Problem>{problem}</Problem> : null}
    <p>
      {lang === 'en'
        ? 'Thank you for recording it: your coordinator sees how often you meet. About every other week is a good pace.'
        : 'Tak, fordi du skriver det: så kan jeres koordinator se, hvor tit I ses. Cirka hver anden uge er et godt tempo.'}
    </p>
    <form method="post" action={action} class="venner-answer-form">
      <HiddenFields values={hidden} />
      <div class="form-group">
        <label class="form-label" for="on">
          {lang === 'en' ? 'The day you met' : 'Dagen, I mødtes'}
        </label>
        <input
          class="form-input"
          type="date"
          id="on"
          name="on"
          value={today}
          max={today}
          min={start}
          required
        />
      </div>
      <button type="submit" class="button button-primary">
        {lang === 'en' ? 'Record the meeting' : 'Gem mødet'}
      </button>
    </form>
  </PublicPage>
);

const concernWarning = {
  da: 'Skriv kort, hvad du er bekymret for. Skriv ikke om helbred, religion, politik eller andre følsomme ting, og ikke CPR-numre: koordinatoren ringer til dig og hører resten.',
  en: 'Write briefly what worries you. Do not write about health, religion, politics or other sensitive matters, nor any CPR numbers: your coordinator will call you to hear the rest.',
};

/** "Jeg er bekymret for …": a short note that becomes an urgent task for the coordinator. */
export const ConcernPage = ({
  lang,
  action,
  hidden,
  problem,
}: {
  lang: Lang;
  action: string;
  hidden: Record<string, string>;
  problem?: string;
}) => (
  <PublicPage lang={lang} title={lang === 'en' ? 'I am worried about …' : 'Jeg er bekymret for …'}>
    <p>
      <strong>
        {lang === 'en' ? 'If someone is in danger, call 112.' : 'Er nogen i fare, så ring 112.'}
      </strong>
    </p>
    <form method="post" action={action} class="venner-answer-form">
      <HiddenFields values={hidden} />
      <div class={`form-group${problem ? ' form-error' : ''}`}>
        <label class="form-label" for="note">
          {lang === 'en' ? 'What worries you?' : 'Hvad er du bekymret for?'}
        </label>
        <span class="form-hint" id="note-hint">
          {concernWarning[lang]}
        </span>
        {problem ? (
          <span class="form-error-message" id="note-error">
            {problem}
          </span>
        ) : null}
        <textarea
          class="form-input"
          id="note"
          name="note"
          rows={4}
          maxLength={500}
          required
          aria-describedby={problem ? 'note-hint note-error' : 'note-hint'}
        />
      </div>
      <button type="submit" class="button button-primary">
        {lang === 'en' ? 'Send to my coordinator' : 'Send til min koordinator'}
      </button>
    </form>
  </PublicPage>
);

/** The exit survey: how it went (1–5), and whether and when they would take a new friend. */
export const SurveyPage = ({
  lang,
  hidden,
  problem,
}: {
  lang: Lang;
  hidden: Record<string, string>;
  problem?: string;
}) => {
  const en = lang === 'en';
  const ratings = en
    ? ['1 – badly', '2', '3', '4', '5 – very well']
    : ['1 – dårligt', '2', '3', '4', '5 – rigtig godt'];
  const again: [string, string][] = en
    ? [
        ['now', 'Yes, now'],
        ['later', 'Yes, but later'],
        ['no', 'No, not for now'],
      ]
    : [
        ['now', 'Ja, nu'],
        ['later', 'Ja, men senere'],
        ['no', 'Nej, ikke foreløbig'],
      ];
  const later: [string, string][] = en
    ? [
        ['1-month', 'In a month'],
        ['3-months', 'In three months'],
      ]
    : [
        ['1-month', 'Om en måned'],
        ['3-months', 'Om tre måneder'],
      ];
  return (
    <PublicPage lang={lang} title={en ? 'How did it go?' : 'Hvordan gik det?'}>
      {problem ? <Problem>{problem}</Problem> : null}
      <form method="post" action="/ven/afslutning" class="venner-answer-form">
        <HiddenFields values={hidden} />
        <fieldset>
          <legend class="form-label">
            {en ? 'How did your friendship go?' : 'Hvordan gik jeres venskab?'}
          </legend>
          {ratings.map((label, i) => (
            <div class="form-group-radio" key={label}>
              <input
                class="form-radio"
                type="radio"
                id={`rating-${i + 1}`}
                name="rating"
                value={String(i + 1)}
                required
              />
              <label for={`rating-${i + 1}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend class="form-label">
            {en ? 'Would you like a new friend?' : 'Vil du gerne have en ny ven?'}
          </legend>
          {again.map(([value, label]) => (
            <div class="form-group-radio" key={value}>
              <input
                class="form-radio"
                type="radio"
                id={`again-${value}`}
                name="again"
                value={value}
                required
              />
              <label for={`again-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend class="form-label">{en ? 'If later: when?' : 'Hvis senere: hvornår?'}</legend>
          {later.map(([value, label], i) => (
            <div class="form-group-radio" key={value}>
              <input
                class="form-radio"
                type="radio"
                id={`later-${value}`}
                name="later"
                value={value}
                checked={i === 0}
              />
              <label for={`later-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          {en ? 'Send my answers' : 'Send mine svar'}
        </button>
      </form>
    </PublicPage>
  );
};
