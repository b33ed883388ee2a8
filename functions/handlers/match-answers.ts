import { loadEnv } from '../../shared/env.ts';
import { recordIdSchema } from '../../shared/matching-contract.ts';
import type { BusinessMetric } from '../../shared/operations.ts';
import type { Operations } from '../../shared/routes.ts';
import { matchAnswerPorts } from '../adapters/matching-ports.ts';
import { followUpAnswers } from '../domain/match.ts';
import { answerFollowUpLink, followUpLinkSchema } from '../domain/match-follow-ups.ts';
import {
  answerLanguage,
  answerProposal,
  proposalAnswers,
  proposalForVolunteer,
} from '../domain/match-proposal.ts';
import { MatchChangedError } from '../domain/matching.ts';
import type { ErrorWording } from '../http/error-responses.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter } from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { countEvent } from '../lib/metrics.ts';
import { text } from '../web/form-values.ts';
import { AnswerPage, FollowUpPage, ProposalPage } from '../web/match-answer-pages.tsx';
import { englishFollowUpAnswerLabels, followUpAnswerLabels } from '../web/matching-texts.ts';
import { coordinatorSentence, proposalFacts } from '../web/proposal-facts.ts';

/**
 * The volunteer's answer links from the match's emails: public pages, each checked by the link's
 * single-use token. A link that no longer works says so (410) and asks nothing more.
 */

const env = loadEnv('match-answers');
const deps = matchAnswerPorts(env);

const gone = (lang: 'da' | 'en') =>
  html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'The link no longer works' : 'Linket virker ikke længere',
      text:
        lang === 'en'
          ? 'The link has been used, has expired, or the proposal is no longer open. Nothing else is needed from you.'
          : 'Linket er brugt, udløbet, eller forslaget er ikke længere aktuelt. Du skal ikke gøre mere.',
    }),
    410,
  );

const proposalPage = async (event: HttpEvent) => {
  const matchId = queryParameter(event, 'match') ?? '';
  const token = queryParameter(event, 'token') ?? '';
  const opened = recordIdSchema.safeParse(matchId).success
    ? await proposalForVolunteer(deps, matchId, token)
    : undefined;
  if (!opened) return gone('da');
  const { volunteer } = opened;
  return html(
    ProposalPage({
      lang: volunteer.language,
      facts: proposalFacts(opened.record, volunteer.language, new Date()),
      coordinator: coordinatorSentence(opened.match.proposedBy.name, undefined, volunteer.language),
      chosen: proposalAnswers.find((answer) => answer === queryParameter(event, 'svar')),
      matchId,
      token,
    }),
  );
};

/** What each recorded answer is counted as and tells the volunteer. */
const answered: Record<
  'accepted' | 'declined' | 'not-now',
  { metric: BusinessMetric; title: Record<'da' | 'en', string>; text: Record<'da' | 'en', string> }
> = {
  accepted: {
    metric: 'ProposalsAccepted',
    title: { da: 'Tak for dit ja', en: 'Thank you for saying yes' },
    text: {
      da: 'Du får om lidt en e-mail med kontaktoplysningerne. Tag gerne kontakt inden for en uge.',
      en: 'You will get an email with the contact details in a moment. Please get in touch within a week.',
    },
  },
  declined: {
    metric: 'ProposalsDeclined',
    title: { da: 'Tak for dit svar', en: 'Thank you for your answer' },
    text: {
      da: 'Vi finder en anden ven til personen. Du er stadig tilmeldt.',
      en: 'We will find another friend for this person. You remain signed up.',
    },
  },
  'not-now': {
    metric: 'ProposalsNotNow',
    title: { da: 'Tak for dit svar', en: 'Thank you for your answer' },
    text: {
      da: 'Vi finder en anden ven til personen og sender dig ingen nye forslag indtil videre. Når du er klar til en ny ven, så sig det under „Min tilmelding“.',
      en: 'We will find another friend for this person, and send you no new proposals for now. When you are ready for a new friend, say so under “My sign-up”.',
    },
  },
};

const answerFromForm = async (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const matchId = text(values.match) ?? '';
  const answer = text(values.answer);
  const chosen = proposalAnswers.find((a) => a === answer);
  if (!recordIdSchema.safeParse(matchId).success || !chosen) return gone('da');
  const lang = await answerLanguage(deps, matchId);
  const result = await answerProposal(deps, matchId, text(values.token), chosen);
  const outcome = Object.hasOwn(answered, result) ? answered[result as keyof typeof answered] : undefined;
  if (!outcome) return gone(lang);
  countEvent(outcome.metric);
  return html(AnswerPage({ lang, title: outcome.title[lang], text: outcome.text[lang] }));
};

const followUpLinkPage = async (event: HttpEvent) => {
  const parsed = followUpLinkSchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return gone('da');
  const lang = await answerLanguage(deps, parsed.data.match);
  return html(
    FollowUpPage({
      lang,
      answers: followUpAnswers.map((value) => ({
        value,
        label: (lang === 'en' ? englishFollowUpAnswerLabels : followUpAnswerLabels)[value],
      })),
      chosen: parsed.data.svar,
      hidden: { match: parsed.data.match, milepael: parsed.data.milepael, token: parsed.data.token },
    }),
  );
};

const followUpFromForm = async (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const parsed = followUpLinkSchema.safeParse(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)])),
  );
  if (!parsed.success) return gone('da');
  const { match, milepael, svar, token } = parsed.data;
  const lang = await answerLanguage(deps, match);
  const result = await answerFollowUpLink(deps, match, milepael, token, svar);
  if (result !== 'answered') return gone(lang);
  const helpComing = svar !== 'meeting-regularly';
  return html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'Thank you for your answer' : 'Tak for dit svar',
      text:
        lang === 'en'
          ? `You answered: “${englishFollowUpAnswerLabels[svar]}”. ${helpComing ? 'Your coordinator will get in touch to hear how they can help.' : 'Your coordinator can now see that it goes well. Thank you!'}`
          : `Du svarede: „${followUpAnswerLabels[svar]}“. ${helpComing ? 'Din koordinator kontakter dig for at høre, hvordan de kan hjælpe.' : 'Din koordinator kan nu se, at det går godt. Tak!'}`,
    }),
  );
};

const operations = {
  proposal: proposalPage,
  answerProposal: answerFromForm,
  followUp: followUpLinkPage,
  answerFollowUp: followUpFromForm,
} satisfies Operations<'match-answers', HttpEvent, HttpResult>;

/** A volunteer is not a coordinator: a match changed under their answer is told in their words. */
const wording: ErrorWording = [
  [MatchChangedError, 'Der skete flere ændringer på samme tid. Åbn linket igen om lidt, og svar på ny.'],
];

export const handler = httpHandler('match-answers', ({ event, operation }) => operations[operation](event), {
  wording,
});
