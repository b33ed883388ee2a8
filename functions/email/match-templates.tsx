import { checkInById } from '../../shared/check-in-schedule.ts';
import type { EmailComposer, OutgoingEmail } from '../domain/email-delivery.ts';
import { referenceOf } from '../domain/handover.ts';
import type { Match, Milestone } from '../domain/match.ts';
import { followUpAnswers, proposalLapsesAt, proposalTimings } from '../domain/match.ts';
import {
  type MatchEmailDeps,
  matchEmailDecisions,
  type ProposalLetter,
  type ToVolunteer,
} from '../domain/match-emails.ts';
import { staffBasePath } from '../lib/staff-context.ts';
import { kommuneNameOf, phoneText } from '../web/handover-texts.ts';
import { englishFollowUpAnswerLabels, followUpAnswerLabels } from '../web/matching-texts.ts';
import {
  coordinatorSentence,
  friendshipInvolves,
  householdSentence,
  languageLevelsOf,
  languagesOf,
  movingSentence,
  proposalAnswerLabels,
  proposalAnswersExplained,
  proposalFacts,
} from '../web/proposal-facts.ts';
import { organisationLabels } from '../web/volunteer-texts.ts';
import {
  type Content,
  type EmailButton,
  firstName,
  type Lang,
  renderEmail,
  renderStaffEmail,
} from './layout.tsx';

/** The match's emails: the domain decides who gets which and issues their links (match-emails.ts); these are the texts. */

/** "after six weeks" in the reader's language, from the check-in schedule. */
const milestoneText = (id: Milestone): Record<Lang, string> => checkInById(id)?.label ?? { da: id, en: id };

/**
 * The match's emails, composed when they are sent from the match, the record and the volunteer as
 * they are then: a proposal no longer open, a record withdrawn or a volunteer gone sends nothing.
 */
export const matchEmailComposers = (
  deps: MatchEmailDeps & { readonly baseUrl: string },
): Record<string, EmailComposer> => {
  const decide = matchEmailDecisions(deps);
  const link = (path: string, params: Record<string, string>) =>
    `${deps.baseUrl}${path}?${new URLSearchParams(params).toString()}`;

  /** An email to the volunteer, with an unsubscribe link like every volunteer email. */
  const toVolunteer = (letter: ToVolunteer, content: Content): OutgoingEmail => {
    const v = letter.volunteer;
    const unsubscribeUrl = link('/afmeld', { token: letter.unsubscribeToken });
    return { to: v.email, unsubscribeUrl, ...renderEmail(v.language, content, unsubscribeUrl) };
  };

  /** The three answers as buttons, each to the confirm page with that answer chosen. */
  const answerButtons = (letter: ProposalLetter): [EmailButton, ...EmailButton[]] => {
    const lang = letter.volunteer.language;
    const [first, ...others] = (['accept', 'not-now', 'decline'] as const).map((answer) => ({
      label: proposalAnswerLabels[answer][lang],
      url: link('/ven/forslag', { match: letter.match.id, token: letter.answerToken, svar: answer }),
    }));
    return [first as EmailButton, ...others];
  };

  const lapseDate = (match: Match, lang: Lang) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'da-DK', {
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Copenhagen',
    }).format(new Date(proposalLapsesAt(match)));

  const proposal: EmailComposer = async (entry, now) => {
    const letter = await decide.answerable(entry, now);
    if ('skip' in letter) return letter;
    const { match, record, volunteer: v } = letter;
    const lang = v.language;
    const [button, ...otherButtons] = answerButtons(letter);
    return toVolunteer(letter, {
      subject:
        lang === 'en'
          ? 'Would you like to be the friend of someone new in your municipality?'
          : 'Vil du være ven med en ny borger i din kommune?',
      greeting: `${lang === 'en' ? 'Dear' : 'Kære'} ${firstName(v.name)}`,
      paragraphs: [
        lang === 'en'
          ? 'A refugee who is moving to your municipality would like a volunteer friend, and your coordinator thinks you would suit each other:'
          : 'En flygtning, der flytter til din kommune, vil gerne have en frivillig ven, og din koordinator tror, I vil passe godt sammen:',
        ...proposalFacts(record, lang, now),
        friendshipInvolves(lang),
        coordinatorSentence(match.proposedBy.name, letter.coordinatorEmail, lang),
        proposalAnswersExplained(lang),
      ],
      button,
      otherButtons,
      after:
        lang === 'en'
          ? `You confirm your answer on the page that opens. The proposal is open until ${lapseDate(match, lang)}.`
          : `Du bekræfter dit svar på siden, der åbner. Forslaget står åbent til og med ${lapseDate(match, lang)}.`,
    });
  };

  const contact: EmailComposer = async (entry, now) => {
    const letter = await decide.contact(entry, now);
    if ('skip' in letter) return letter;
    const { record, volunteer: v, person: p } = letter;
    const en = v.language === 'en';
    const details = [
      `${en ? 'Name' : 'Navn'}: ${p.name}`,
      `${en ? 'Phone' : 'Telefon'}: ${phoneText(p.phone)}`,
      ...(p.email ? [`${en ? 'Email' : 'E-mail'}: ${p.email}`] : []),
      `${en ? 'Languages' : 'Sprog'}: ${languagesOf(record, v.language)}`,
      ...[languageLevelsOf(record, v.language)].filter((line): line is string => Boolean(line)),
      `${en ? 'Household' : 'Husstand'}: ${householdSentence(record, v.language)}`,
      ...[movingSentence(record, v.language, now)].filter((line): line is string => Boolean(line)),
    ];
    return toVolunteer(letter, {
      subject: en
        ? 'Thank you for saying yes: here is your new friend'
        : 'Tak for dit ja: her er din nye ven',
      greeting: `${en ? 'Dear' : 'Kære'} ${firstName(v.name)}`,
      paragraphs: [
        en
          ? 'Thank you for saying yes. Please get in touch within a week; a short text message in simple words is a good start. These are the contact details the person agreed to share with you:'
          : 'Tak, fordi du sagde ja. Tag gerne kontakt inden for en uge; en kort sms med enkle ord er en god start. Det er de kontaktoplysninger, personen har sagt ja til, at du må få:',
        ...details,
        en
          ? 'Keep them to yourself and delete them when the friendship ends.'
          : 'Hold dem for dig selv, og slet dem, når venskabet slutter.',
      ],
      button: {
        label: en ? 'Open my sign-up' : 'Åbn min tilmelding',
        url: link('/min-tilmelding/log-ind', { token: letter.manageToken }),
      },
      after: en ? 'The link works once and for 24 hours.' : 'Linket virker én gang og i 24 timer.',
    });
  };

  const kommune: EmailComposer = async (entry, now) => {
    const letter = await decide.kommune(entry, now);
    if ('skip' in letter) return letter;
    const { record, volunteer: v, person: p, group } = letter;
    return renderStaffEmail({
      to: p.kommuneCaseworkerEmail,
      // The name is in the email, not its subject (lock screens and mail lists show subjects).
      subject: `Venner-reference ${referenceOf(record.id)} har fået en frivillig ven`,
      intro: p.kommuneCaseworkerName ? `Kære ${p.kommuneCaseworkerName}` : 'Til kommunens sagsbehandler',
      lead: `${p.name}, som kommunen fik oplysninger om fra Venner, har nu fået en frivillig ven i ${kommuneNameOf(record.kommuneCode)}. Vennen har sagt ja og tager kontakt inden for en uge.`,
      rows: (
        [
          ['Borger', p.name],
          ['Venner-reference', referenceOf(record.id)],
          ['Den frivillige', v.name],
          ['E-mail', v.email],
          ['Telefon', v.phone && phoneText(v.phone)],
          ['Forening', v.organisationName ?? organisationLabels[v.organisation].da],
          ['Lokal gruppe', group ? `${group.name} (${group.organisation})` : undefined],
          [
            'Gruppens kontakt',
            group
              ? [group.email, group.phone && phoneText(group.phone)].filter(Boolean).join(', ')
              : undefined,
          ],
        ] as [string, string | undefined][]
      ).filter((row): row is [string, string] => Boolean(row[1])),
      after: group
        ? `Oplysningerne er fortrolige. Svar ikke på denne e-mail; skriv til ${group.name}, der følger venskabet.`
        : 'Oplysningerne er fortrolige. Svar ikke på denne e-mail.',
    });
  };

  /**
   * The coordinator who proposed a match is told the refugee waits again: the volunteer said no,
   * nobody answered in time, or the volunteer left. Only the reference: no personal data.
   */
  const toCoordinator =
    (
      subject: string,
      lead: (kommune: string, match: Match, facts: Readonly<Record<string, string | number>>) => string,
    ): EmailComposer =>
    async (entry) => {
      const letter = await decide.coordinator(entry);
      if ('skip' in letter) return letter;
      const { match, to } = letter;
      return renderStaffEmail({
        to,
        subject: `${subject}: Venner-reference ${referenceOf(match.consentId)}`,
        intro: `Kære ${match.proposedBy.name}`,
        lead: lead(kommuneNameOf(match.kommuneCode), match, letter.facts),
        rows: [['Venner-reference', referenceOf(match.consentId)]],
        buttons: [
          {
            label: 'Find en ny ven',
            url: `${deps.baseUrl}${staffBasePath}/matching/flygtning/${match.consentId}`,
          },
        ],
        after: 'Svar ikke på denne e-mail.',
      });
    };

  const declined = toCoordinator(
    'Forslaget blev afslået',
    (kommune) =>
      `Den frivillige har sagt nej tak til det forslag, du sendte. Flygtningen står igen på ventelisten i ${kommune}.`,
  );

  const lapsed = toCoordinator(
    'Forslaget udløb uden svar',
    (kommune, match) =>
      `Den frivillige har ikke svaret på dit forslag inden for ${proposalTimings.lapseAfterDays} dage${match.reminderSentAt ? ', trods en påmindelse' : ''}. Forslaget er udløbet, og flygtningen står igen på ventelisten i ${kommune} på sin oprindelige plads.`,
  );

  const volunteerLeftNotice = toCoordinator('Den frivillige har forladt Venner', (kommune, _match, facts) =>
    facts.refugeeBack === 'no'
      ? 'Den frivillige har meldt sig ud af Venner og slettet sine oplysninger. Matchet (eller forslaget) er afsluttet. Flygtningen er ikke sat på ventelisten igen: deres forløb var allerede slut, eller samtykket er trukket tilbage.'
      : `Den frivillige har meldt sig ud af Venner og slettet sine oplysninger. Matchet (eller forslaget) er afsluttet, og flygtningen står igen på ventelisten i ${kommune} på sin oprindelige plads. Tal gerne med flygtningen, før du foreslår en ny ven.`,
  );

  /** The one reminder of an unanswered proposal: a new answer link, and the day it lapses. */
  const proposalReminder: EmailComposer = async (entry, now) => {
    const letter = await decide.answerable(entry, now);
    if ('skip' in letter) return letter;
    const { match, volunteer: v } = letter;
    const en = v.language === 'en';
    const until = lapseDate(match, v.language);
    const [button, ...otherButtons] = answerButtons(letter);
    return toVolunteer(letter, {
      subject: en
        ? 'Reminder: would you like to be the friend of someone new?'
        : 'Påmindelse: vil du være ven med en ny borger?',
      greeting: `${en ? 'Dear' : 'Kære'} ${firstName(v.name)}`,
      paragraphs: [
        en
          ? 'A few days ago we asked whether you would like to be the friend of a refugee who is moving to your municipality. Please answer, so they do not wait in vain.'
          : 'For nogle dage siden spurgte vi, om du vil være ven med en flygtning, der flytter til din kommune. Svar gerne, så personen ikke venter forgæves.',
        en
          ? `The proposal is open until ${until}; after that we ask someone else.`
          : `Forslaget står åbent til og med ${until}; derefter spørger vi en anden.`,
        coordinatorSentence(match.proposedBy.name, letter.coordinatorEmail, v.language),
      ],
      button,
      otherButtons,
      after: en
        ? 'You confirm your answer on the page that opens.'
        : 'Du bekræfter dit svar på siden, der åbner.',
    });
  };

  const followUp: EmailComposer = async (entry, now) => {
    const letter = await decide.followUp(entry, now);
    if ('skip' in letter) return letter;
    const { match, volunteer: v, milestone, followUpToken: token, supportToken } = letter;
    const en = v.language === 'en';
    const answerUrl = (answer: string) =>
      link('/ven/opfoelgning', { match: match.id, milepael: milestone, svar: answer, token });
    const labels = en ? englishFollowUpAnswerLabels : followUpAnswerLabels;
    const [first, ...others] = followUpAnswers.map((answer) => ({
      label: labels[answer],
      url: answerUrl(answer),
    })) as [EmailButton, ...EmailButton[]];
    // A match found past its check-in (the first run after the schedule changed) is told its own time.
    // Counted to when the check-in was asked (a job run as of an earlier moment), not to the sending.
    const askedAt = Date.parse(match.followUps[milestone]?.sentAt ?? now.toISOString());
    const days = Math.floor(
      (askedAt - Date.parse(match.activeSince ?? new Date(askedAt).toISOString())) / 86_400_000,
    );
    const after =
      days - (checkInById(milestone)?.days ?? days) > 14
        ? { da: `${Math.floor(days / 7)} uger`, en: `${Math.floor(days / 7)} weeks` }
        : milestoneText(milestone);
    return toVolunteer(letter, {
      subject: en
        ? `How is your friendship going after ${after.en}?`
        : `Hvordan går jeres venskab efter ${after.da}?`,
      greeting: `${en ? 'Dear' : 'Kære'} ${firstName(v.name)}`,
      paragraphs: [
        en
          ? `You have now been friends through Venner for ${after.en}. Choose the answer that fits best, and confirm it on the page that opens; your coordinator then sees how it goes.`
          : `I har nu været venner gennem Venner i ${after.da}. Vælg det svar, der passer bedst, og bekræft det på siden, der åbner; så kan jeres koordinator se, hvordan det går.`,
      ],
      button: first,
      otherButtons: others,
      sections: [
        {
          text: en
            ? 'Have you met? Record it here whenever you meet (about every other week is a good pace).'
            : 'Har I mødtes? Skriv det her, hver gang I ses (cirka hver anden uge er et godt tempo).',
          buttons: [
            {
              label: en ? 'We have met' : 'Vi har mødtes',
              url: link('/ven/moede', { match: match.id, token: supportToken }),
            },
          ],
        },
        {
          text: en
            ? 'Are you worried about something? Tell your coordinator; they will get in touch.'
            : 'Er du bekymret for noget? Fortæl det til jeres koordinator; de kontakter dig.',
          buttons: [
            {
              label: en ? 'I am worried about …' : 'Jeg er bekymret for …',
              url: link('/ven/bekymring', { match: match.id, token: supportToken }),
            },
          ],
        },
      ],
      after: en
        ? 'If something is difficult or you have lost contact, your coordinator will get in touch. Six months is the recommended minimum for a friendship through Venner. Thank you!'
        : 'Er noget svært, eller har I mistet kontakten, kontakter jeres koordinator dig. Et halvt år er den anbefalede mindste tid for et venskab gennem Venner. Tak!',
    });
  };

  const exitSurvey: EmailComposer = async (entry, now) => {
    const letter = await decide.exitSurvey(entry, now);
    if ('skip' in letter) return letter;
    const { match, volunteer: v, surveyToken: token } = letter;
    const en = v.language === 'en';
    return toVolunteer(letter, {
      subject: en
        ? 'Your friendship through Venner has ended: two questions'
        : 'Jeres venskab gennem Venner er slut: to spørgsmål',
      greeting: `${en ? 'Dear' : 'Kære'} ${firstName(v.name)}`,
      paragraphs: [
        en
          ? 'Your coordinator has closed your friendship through Venner. Thank you for the time you gave!'
          : 'Jeres koordinator har afsluttet jeres venskab gennem Venner. Tak for den tid, du har givet!',
        en
          ? 'How did it go, and would you like a new friend, and when? It takes a minute. Until you answer, we send you no new proposals.'
          : 'Hvordan gik det, og vil du gerne have en ny ven, og hvornår? Det tager et minut. Indtil du svarer, sender vi dig ingen nye forslag.',
      ],
      button: {
        label: en ? 'Answer two questions' : 'Svar på to spørgsmål',
        url: link('/ven/afslutning', { match: match.id, token }),
      },
      after: en
        ? 'You can also say that you are ready for a new friend under “My sign-up”.'
        : 'Du kan også sige, at du er klar til en ny ven, under „Min tilmelding“.',
    });
  };

  return {
    'match-proposal': proposal,
    'match-contact': contact,
    'kommune-match': kommune,
    'match-declined': declined,
    'match-lapsed': lapsed,
    'match-volunteer-left': volunteerLeftNotice,
    'match-proposal-reminder': proposalReminder,
    'match-follow-up': followUp,
    'match-exit-survey': exitSurvey,
  };
};
