import * as z from 'zod';
import { loadEnv } from '../../shared/env.ts';
import { concernSchema, recordIdSchema, surveyAgainAnswers } from '../../shared/matching-contract.ts';
import type { BusinessMetric } from '../../shared/operations.ts';
import type { Operations } from '../../shared/routes.ts';
import { matchAnswerPorts } from '../adapters/matching-ports.ts';
import { copenhagenDate } from '../domain/danish-time.ts';
import { followUpAnswers } from '../domain/match.ts';
import { answerFollowUpLink, followUpLinkSchema } from '../domain/match-follow-ups.ts';
import {
  answerLanguage,
  answerProposal,
  proposalAnswers,
  proposalForVolunteer,
} from '../domain/match-proposal.ts';
import {
  answerExitSurvey,
  raiseConcern,
  recordMeeting,
  volunteerOfSupportLink,
} from '../domain/match-support.ts';
import { MatchChangedError } from '../domain/matching.ts';
import { isTokenShaped } from '../domain/tokens.ts';
import { pauseLengths } from '../domain/volunteer.ts';
import type { ErrorWording } from '../http/error-responses.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter } from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { countEvent } from '../lib/metrics.ts';
import { type Posted, text } from '../web/form-values.ts';
import {
  AnswerPage,
  ConcernPage,
  FollowUpPage,
  MeetingPage,
  ProposalPage,
  SurveyPage,
} from '../web/match-answer-pages.tsx';

/** The exit survey's form: a rating 1–5, would they take a new friend, and when if later. */
const surveyFormSchema = z.object({
  token: z.string().max(100),
  rating: z.coerce.number().int().min(1).max(5),
  again: z.enum(surveyAgainAnswers),
  later: z.enum(pauseLengths).optional(),
});

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
  if (result === 'answered-after-end')
    return html(
      AnswerPage({
        lang,
        title: lang === 'en' ? 'Thank you for your answer' : 'Tak for dit svar',
        text:
          lang === 'en'
            ? 'Your friendship through Venner has already been closed, so nothing more is needed from you.'
            : 'Jeres venskab gennem Venner er allerede afsluttet, så du skal ikke gøre mere.',
      }),
    );
  if (result !== 'answered') return gone(lang);
  const helpComing = svar !== 'meeting-regularly' && svar !== 'ended';
  return html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'Thank you for your answer' : 'Tak for dit svar',
      text:
        lang === 'en'
          ? `You answered: “${englishFollowUpAnswerLabels[svar]}”. ${svar === 'ended' ? 'Your coordinator will get in touch to close your friendship and hear how it went.' : helpComing ? 'Your coordinator will get in touch to hear how they can help.' : 'Your coordinator can now see that it goes well. Thank you!'}`
          : `Du svarede: „${followUpAnswerLabels[svar]}“. ${svar === 'ended' ? 'Din koordinator kontakter dig for at afslutte jeres venskab og høre, hvordan det gik.' : helpComing ? 'Din koordinator kontakter dig for at høre, hvordan de kan hjælpe.' : 'Din koordinator kan nu se, at det går godt. Tak!'}`,
    }),
  );
};

// --- After the match: meetings, concerns and the exit survey -------------------------------------

/** A check-in email's support link (match and reusable token): the volunteer it stands for. */
const supportLink = async (values: Record<string, Posted>) => {
  const match = text(values.match) ?? '';
  const token = text(values.token) ?? '';
  if (!recordIdSchema.safeParse(match).success) return undefined;
  const volunteerId = await volunteerOfSupportLink(deps, match, token);
  return volunteerId ? { match, token, volunteerId } : undefined;
};

const meetingPage = async (event: HttpEvent) => {
  const link = await supportLink(event.queryStringParameters ?? {});
  const found = link && (await deps.matches.get(link.match));
  if (!link || !found || (found.status !== 'active' && found.status !== 'paused')) return gone('da');
  const lang = await answerLanguage(deps, link.match);
  return html(
    MeetingPage({
      lang,
      action: '/ven/moede',
      hidden: { match: link.match, token: link.token },
      today: copenhagenDate(deps.now()),
      start: found.activeSince ? copenhagenDate(new Date(found.activeSince)) : undefined,
    }),
  );
};

const meetingResultTexts = {
  recorded: {
    da: 'Tak! Mødet er gemt, og jeres koordinator kan se det.',
    en: 'Thank you! The meeting is recorded, and your coordinator can see it.',
  },
  'already-recorded': {
    da: 'Et møde den dag er allerede gemt. Tak!',
    en: 'A meeting on that day is already recorded. Thank you!',
  },
};

const recordMeetingFromForm = async (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const link = await supportLink(values);
  if (!link) return gone('da');
  const lang = await answerLanguage(deps, link.match);
  const result = await recordMeeting(deps, link.match, link.volunteerId, text(values.on));
  if (result === 'not-open') return gone(lang);
  if (result === 'invalid')
    return html(
      MeetingPage({
        lang,
        action: '/ven/moede',
        hidden: { match: link.match, token: link.token },
        today: copenhagenDate(deps.now()),
        problem:
          lang === 'en'
            ? 'Choose a day from the start of your friendship until today.'
            : 'Vælg en dag fra venskabets start til i dag.',
      }),
      400,
    );
  return html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'Meeting recorded' : 'Mødet er gemt',
      text: meetingResultTexts[result][lang],
    }),
  );
};

const concernPage = async (event: HttpEvent) => {
  const link = await supportLink(event.queryStringParameters ?? {});
  if (!link) return gone('da');
  const lang = await answerLanguage(deps, link.match);
  return html(
    ConcernPage({ lang, action: '/ven/bekymring', hidden: { match: link.match, token: link.token } }),
  );
};

const raiseConcernFromForm = async (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 4096);
  const link = await supportLink(values);
  if (!link) return gone('da');
  const lang = await answerLanguage(deps, link.match);
  const parsed = concernSchema.safeParse({ note: text(values.note) ?? '' });
  if (!parsed.success)
    return html(
      ConcernPage({
        lang,
        action: '/ven/bekymring',
        hidden: { match: link.match, token: link.token },
        problem:
          lang === 'en'
            ? 'Write what worries you (at most 500 characters).'
            : 'Skriv, hvad du er bekymret for (højst 500 tegn).',
      }),
      400,
    );
  const result = await raiseConcern(deps, { volunteerId: link.volunteerId }, link.match, parsed.data.note);
  if (result !== 'raised') return gone(lang);
  return html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'Thank you for telling us' : 'Tak, fordi du siger det',
      text:
        lang === 'en'
          ? 'Your coordinator has got it as an urgent task and will get in touch with you.'
          : 'Jeres koordinator har fået det som en opgave, der haster, og kontakter dig.',
    }),
  );
};

const surveyPage = async (event: HttpEvent) => {
  const match = queryParameter(event, 'match') ?? '';
  const token = queryParameter(event, 'token') ?? '';
  if (!recordIdSchema.safeParse(match).success || !isTokenShaped(token)) return gone('da');
  return html(SurveyPage({ lang: await answerLanguage(deps, match), hidden: { match, token } }));
};

const answerSurveyFromForm = async (event: HttpEvent) => {
  assertSameOrigin(event);
  const values = formBody(event, 2048);
  const parsed = surveyFormSchema.safeParse(
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, text(v)])),
  );
  const match = text(values.match) ?? '';
  if (!recordIdSchema.safeParse(match).success) return gone('da');
  const lang = await answerLanguage(deps, match);
  if (!parsed.success)
    return html(
      SurveyPage({
        lang,
        hidden: { match, token: text(values.token) ?? '' },
        problem: lang === 'en' ? 'Answer both questions.' : 'Svar på begge spørgsmål.',
      }),
      400,
    );
  const { rating, again, later } = parsed.data;
  const result = await answerExitSurvey(deps, match, parsed.data.token, rating, again, later);
  if (result !== 'answered') return gone(lang);
  const next = {
    now: {
      da: 'Du er klar til en ny ven, og vi sender dig et forslag, når der er en.',
      en: 'You are ready for a new friend; we will send you a proposal when there is one.',
    },
    later: {
      da: 'Vi sender dig ingen forslag før da; derefter er du klar igen af dig selv.',
      en: 'We send you no proposals until then; after that you are ready again by yourself.',
    },
    no: {
      da: 'Vi sender dig ingen nye forslag. Du kan altid sige, at du er klar, under „Min tilmelding“.',
      en: 'We send you no new proposals. You can always say you are ready under “My sign-up”.',
    },
  }[again];
  return html(
    AnswerPage({
      lang,
      title: lang === 'en' ? 'Thank you for your answers' : 'Tak for dine svar',
      text: next[lang],
    }),
  );
};

const operations = {
  proposal: proposalPage,
  answerProposal: answerFromForm,
  followUp: followUpLinkPage,
  answerFollowUp: followUpFromForm,
  meeting: meetingPage,
  recordMeeting: recordMeetingFromForm,
  concern: concernPage,
  raiseConcern: raiseConcernFromForm,
  survey: surveyPage,
  answerSurvey: answerSurveyFromForm,
} satisfies Operations<'match-answers', HttpEvent, HttpResult>;

/** A volunteer is not a coordinator: a match changed under their answer is told in their words. */
const wording: ErrorWording = [
  [MatchChangedError, 'Der skete flere ændringer på samme tid. Åbn linket igen om lidt, og svar på ny.'],
];

export const handler = httpHandler('match-answers', ({ event, operation }) => operations[operation](event), {
  wording,
});
