import { loadEnv } from '../../shared/env.ts';
import { recordIdSchema } from '../../shared/matching-contract.ts';
import type { Operations } from '../../shared/routes.ts';
import { matchAnswerPorts } from '../adapters/matching-ports.ts';
import type { FollowUpAnswer } from '../domain/match.ts';
import { answerFollowUpLink, followUpLinkSchema } from '../domain/match-follow-ups.ts';
import { answerLanguage, answerProposal, proposalForVolunteer } from '../domain/match-proposal.ts';
import { MatchChangedError } from '../domain/matching.ts';
import type { ErrorWording } from '../http/error-responses.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter } from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { text } from '../web/form-values.ts';
import { AnswerPage, FollowUpPage, ProposalPage } from '../web/match-answer-pages.tsx';
import { followUpAnswerLabels } from '../web/matching-texts.ts';
import { proposalFacts } from '../web/proposal-facts.ts';

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
      facts: proposalFacts(opened.record, volunteer.language),
      matchId,
      token,
    }),
  );
};

const answerFromForm = async (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const matchId = text(values.match) ?? '';
  const answer = text(values.answer);
  if (!recordIdSchema.safeParse(matchId).success || (answer !== 'accept' && answer !== 'decline'))
    return gone('da');
  const lang = await answerLanguage(deps, matchId);
  const result = await answerProposal(deps, matchId, text(values.token), answer);
  if (result === 'accepted')
    return html(
      AnswerPage({
        lang,
        title: lang === 'en' ? 'Thank you for saying yes' : 'Tak for dit ja',
        text:
          lang === 'en'
            ? 'You will get an email with the contact details in a moment. Please get in touch within a week.'
            : 'Du får om lidt en e-mail med kontaktoplysningerne. Tag gerne kontakt inden for en uge.',
      }),
    );
  if (result === 'declined')
    return html(
      AnswerPage({
        lang,
        title: lang === 'en' ? 'Thank you for your answer' : 'Tak for dit svar',
        text:
          lang === 'en'
            ? 'We will find another friend for this person. You remain signed up.'
            : 'Vi finder en anden ven til personen. Du er stadig tilmeldt.',
      }),
    );
  return gone(lang);
};

const englishAnswers: Record<FollowUpAnswer, string> = {
  'meeting-regularly': 'We meet regularly',
  'lost-contact': 'We have lost contact',
  'want-to-continue': 'We want to continue',
};

const followUpLinkPage = async (event: HttpEvent) => {
  const parsed = followUpLinkSchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) return gone('da');
  const lang = await answerLanguage(deps, parsed.data.match);
  return html(
    FollowUpPage({
      lang,
      answerLabel: lang === 'en' ? englishAnswers[parsed.data.svar] : followUpAnswerLabels[parsed.data.svar],
      hidden: parsed.data,
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
  const result = await answerFollowUpLink(deps, match, milepael, token, svar);
  if (result !== 'answered') return gone('da');
  return html(
    AnswerPage({
      lang: 'da',
      title: 'Tak for dit svar',
      text: 'Din koordinator kan nu se, hvordan det går. Tak!',
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
