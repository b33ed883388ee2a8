import type { EmailComposer } from '../domain/email-delivery.ts';
import type { Volunteer } from '../domain/volunteer.ts';
import { decideVolunteerEmail, type VolunteerTemplate } from '../domain/volunteer-emails.ts';
import { phoneText } from '../web/handover-texts.ts';
import { countOf, pluralWord } from '../web/plural.ts';
import { type Content, firstName, renderEmail } from './layout.tsx';

/** The volunteers' emails from the sign-up and self-service flows: facts in, subject, text and HTML out. */

type Facts = Readonly<Record<string, string | number>>;

const peopleDa = (n: number) => `${countOf(n, 'person', 'personer')} er`;
const peopleEn = (n: number) =>
  `${countOf(n, 'person', 'people', 'en')} ${pluralWord(n, 'has', 'have', 'en')}`;

const templates: Record<VolunteerTemplate, (v: Volunteer, url: string, facts: Facts) => Content> = {
  unconfirmedReminder: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Reminder: confirm your sign-up as a volunteer friend',
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: [
            'A week ago you signed up as a volunteer friend, but your email address is not confirmed yet. Only confirmed volunteers can be matched with a refugee.',
          ],
          button: { label: 'Confirm my sign-up', url },
          after: 'This is the only reminder. Unconfirmed sign-ups are deleted 30 days after they were made.',
        }
      : {
          subject: 'Påmindelse: bekræft din tilmelding som frivillig ven',
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: [
            'For en uge siden meldte du dig som frivillig ven, men din e-mailadresse er ikke bekræftet endnu. Kun bekræftede frivillige kan matches med en flygtning.',
          ],
          button: { label: 'Bekræft min tilmelding', url },
          after:
            'Det er den eneste påmindelse. Ubekræftede tilmeldinger slettes 30 dage efter, de blev lavet.',
        },
  arrivalAlert: (v: Volunteer, url: string, facts: Facts): Content => {
    const arrived = Number(facts.arrived ?? 0);
    return v.language === 'en'
      ? {
          subject: 'New people in your municipality are waiting for a friend',
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: [
            `${peopleEn(arrived)} arrived in your municipality and ${pluralWord(arrived, 'is', 'are', 'en')} waiting for a volunteer friend.`,
            'If you are ready for a (new) friend, say so on your page, and a coordinator will contact you.',
          ],
          button: { label: 'I am ready', url },
          after: 'You get at most one such email a week. You can turn them off on your page.',
        }
      : {
          subject: 'Nye i din kommune venter på en ven',
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: [
            `${peopleDa(arrived)} kommet til din kommune og venter på en frivillig ven.`,
            'Er du klar til en (ny) ven, så sig det på din side, så kontakter en koordinator dig.',
          ],
          button: { label: 'Jeg er klar', url },
          after: 'Du får højst én sådan e-mail om ugen. Du kan slå dem fra på din side.',
        };
  },
  confirmation: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Confirm your sign-up as a volunteer friend',
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: [
            'Thank you for signing up as a volunteer friend. Please confirm your email address, so we can tell you when a refugee who would like a friend moves to your municipality.',
          ],
          button: { label: 'Confirm my sign-up', url },
          after:
            'The link works once and for 30 days. If you did not sign up, you can ignore this email: a sign-up that is not confirmed is deleted after 30 days.',
        }
      : {
          subject: 'Bekræft din tilmelding som frivillig ven',
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: [
            'Tak, fordi du vil være frivillig ven. Bekræft din e-mailadresse, så vi kan give dig besked, når en flygtning, der gerne vil have en ven, flytter til din kommune.',
          ],
          button: { label: 'Bekræft min tilmelding', url },
          after:
            'Linket virker én gang og i 30 dage. Har du ikke meldt dig, kan du se bort fra denne e-mail: en tilmelding, der ikke bliver bekræftet, slettes efter 30 dage.',
        },
  alreadySignedUp: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'You are already signed up',
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: [
            'Someone — probably you — tried to sign up again with this email address. You are already signed up, so nothing new was created.',
            'You can see and change your sign-up here:',
          ],
          button: { label: 'Open my sign-up', url },
          after: 'The link works once and for 24 hours.',
        }
      : {
          subject: 'Du er allerede tilmeldt',
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: [
            'Nogen – sikkert dig – prøvede at melde sig igen med denne e-mailadresse. Du er allerede tilmeldt, så der blev ikke oprettet noget nyt.',
            'Du kan se og ændre din tilmelding her:',
          ],
          button: { label: 'Åbn min tilmelding', url },
          after: 'Linket virker én gang og i 24 timer.',
        },
  matchEnded: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Your contact through Venner has ended',
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: [
            'The person you were matched with through Venner has ended the contact. We cannot tell you why, and we ask you not to contact them through Venner again. Please delete the contact details you received from us.',
            'Thank you for your time. When you are ready for a new friend, you can say so on your page:',
          ],
          button: { label: 'Open my sign-up', url },
          after: 'The link works once and for 24 hours.',
        }
      : {
          subject: 'Din kontakt gennem Venner er ophørt',
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: [
            'Den person, du blev matchet med gennem Venner, har afsluttet kontakten. Vi kan ikke oplyse hvorfor, og vi beder dig om ikke at kontakte personen via Venner igen. Slet venligst de kontaktoplysninger, du fik fra os.',
            'Tak for din tid. Når du er klar til en ny ven, kan du sige det på din side:',
          ],
          button: { label: 'Åbn min tilmelding', url },
          after: 'Linket virker én gang og i 24 timer.',
        },
  groupChanged: (v: Volunteer, url: string, facts: Facts): Content => {
    const contact = [facts.groupEmail, facts.groupPhone ? phoneText(String(facts.groupPhone)) : undefined]
      .filter(Boolean)
      .join(v.language === 'en' ? ' or ' : ' eller ');
    return v.language === 'en'
      ? {
          subject: `You now belong to ${facts.groupName}`,
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: [
            `A coordinator has moved your sign-up to the local group ${facts.groupName}. From now on its coordinators will contact you when a refugee would like a friend.`,
            `You can reach the group at ${contact}.`,
          ],
          button: { label: 'Open my sign-up', url },
          after: 'The link works once and for 24 hours. Nothing else about your sign-up has changed.',
        }
      : {
          subject: `Du hører nu til ${facts.groupName}`,
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: [
            `En koordinator har flyttet din tilmelding til den lokale gruppe ${facts.groupName}. Fremover er det gruppens koordinatorer, der kontakter dig, når en flygtning gerne vil have en ven.`,
            `Du kan kontakte gruppen på ${contact}.`,
          ],
          button: { label: 'Åbn min tilmelding', url },
          after: 'Linket virker én gang og i 24 timer. Intet andet ved din tilmelding er ændret.',
        };
  },
  manageLink: (v: Volunteer, url: string): Content =>
    v.language === 'en'
      ? {
          subject: 'Your link to your sign-up',
          greeting: `Dear ${firstName(v.name)}`,
          paragraphs: ['Here is the link to your sign-up as a volunteer friend.'],
          button: { label: 'Open my sign-up', url },
          after:
            'The link works once and for 24 hours. If you did not ask for it, you can ignore this email.',
        }
      : {
          subject: 'Dit link til din tilmelding',
          greeting: `Kære ${firstName(v.name)}`,
          paragraphs: ['Her er linket til din tilmelding som frivillig ven.'],
          button: { label: 'Åbn min tilmelding', url },
          after:
            'Linket virker én gang og i 24 timer. Har du ikke bedt om det, kan du se bort fra denne e-mail.',
        },
};

/** The page each email's link opens. */
const linkPaths: Record<VolunteerTemplate, string> = {
  unconfirmedReminder: '/bliv-ven/bekraeft',
  arrivalAlert: '/min-tilmelding/log-ind',
  matchEnded: '/min-tilmelding/log-ind',
  confirmation: '/bliv-ven/bekraeft',
  alreadySignedUp: '/min-tilmelding/log-ind',
  manageLink: '/min-tilmelding/log-ind',
  groupChanged: '/min-tilmelding/log-ind',
};

/** The outbox sender's composer of volunteer emails: the domain decides, this renders. */
export const volunteerEmailComposer =
  (deps: Parameters<typeof decideVolunteerEmail>[0] & { readonly baseUrl: string }): EmailComposer =>
  async (entry, now) => {
    const letter = await decideVolunteerEmail(deps, entry, now);
    if ('skip' in letter) return letter;
    const { volunteer: v, template } = letter;
    const link = (path: string, value: string) => `${deps.baseUrl}${path}?token=${encodeURIComponent(value)}`;
    const unsubscribeUrl = link('/afmeld', letter.unsubscribeToken);
    return {
      to: v.email,
      unsubscribeUrl,
      ...renderEmail(
        v.language,
        templates[template](v, link(linkPaths[template], letter.token), letter.facts),
        unsubscribeUrl,
      ),
    };
  };
