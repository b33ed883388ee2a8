/**
 * A realistic, varied programme for a newcomer's local stack, made through the real use cases
 * (record a handover, sign up and confirm, propose, answer, follow up, end), so every counter,
 * index, audit entry and email is what the running system would have made. Deterministic: the
 * same seed gives the same people.
 *
 * Only the volunteers' own emails are left out: a demo volunteer is confirmed with a link the
 * seed issues itself (as the confirmation email would), and no confirmation email is written.
 */

import { dynamoDb } from '../../functions/adapters/dynamodb-client.ts';
import { handoverPorts } from '../../functions/adapters/handover-ports.ts';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { matchingPorts } from '../../functions/adapters/matching-ports.ts';
import { organisationsDirectory } from '../../functions/adapters/organisations-repository.ts';
import { volunteerPorts } from '../../functions/adapters/volunteer-ports.ts';
import { copenhagenDate } from '../../functions/domain/danish-time.ts';
import type { Actor } from '../../functions/domain/handover.ts';
import { type CoordinatorAction, changeMatch } from '../../functions/domain/match-changes.ts';
import { answerFollowUpLink, sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import { answerProposal, proposeMatch } from '../../functions/domain/match-proposal.ts';
import { raiseConcern, recordMeeting } from '../../functions/domain/match-support.ts';
import { refugeeMatching } from '../../functions/domain/matching-views.ts';
import { recordHandover } from '../../functions/domain/record-handover.ts';
import { foldForSearch } from '../../functions/domain/search-terms.ts';
import { issueToken } from '../../functions/domain/tokens.ts';
import { withScreening } from '../../functions/domain/volunteer-screening.ts';
import { confirmSignup, signUp } from '../../functions/domain/volunteer-signup.ts';
import { countOf } from '../../functions/web/plural.ts';
import { handoverSchema } from '../../shared/handover-contract.ts';
import { bestFitGroup, type LocalGroupFields } from '../../shared/organisations-contract.ts';
import { privacyNoticeVersion, volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { demoGroups, demoOrganisations, seedDemoOrganisations } from './demo-organisations.ts';

/** A small deterministic random source (mulberry32), so a demo looks the same every time. */
const randomSource = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const some = <T>(items: readonly T[], min: number, max: number): T[] =>
    [...items].sort(() => next() - 0.5).slice(0, between(min, max));
  return { next, pick, chance, between, some };
};

/** A version-4-shaped UUID from the seeded random source. */
const uuidFrom = (next: () => number) => {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
};

const refugeeNames = {
  arabic: {
    first: [
      'Amal',
      'Hiba',
      'Rania',
      'Layla',
      'Omar',
      'Yousef',
      'Khaled',
      'Samir',
      'Nour',
      'Fatima',
      'Ahmad',
      'Rami',
    ],
    last: ['Haddad', 'Al-Hassan', 'Khalil', 'Darwish', 'Nasser', 'Saleh', 'Mansour', 'Haidar'],
  },
  tigrinya: {
    first: ['Selam', 'Yonas', 'Helen', 'Filmon', 'Senait', 'Dawit', 'Luwam', 'Mehari'],
    last: ['Tesfay', 'Gebremedhin', 'Haile', 'Berhane', 'Kidane', 'Woldu'],
  },
  ukrainian: {
    first: ['Olena', 'Iryna', 'Andrii', 'Oksana', 'Dmytro', 'Kateryna', 'Taras', 'Yulia'],
    last: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Kravchenko'],
  },
  dari: {
    first: ['Zahra', 'Mohammad', 'Farida', 'Ali', 'Mariam', 'Hamid', 'Parwana', 'Naveed'],
    last: ['Ahmadi', 'Rahimi', 'Hakimi', 'Noori', 'Sultani', 'Karimi'],
  },
  somali: {
    first: ['Hodan', 'Abdi', 'Ayaan', 'Faisal', 'Sahra', 'Mahad'],
    last: ['Warsame', 'Hassan', 'Farah', 'Abdullahi', 'Mohamed'],
  },
} as const;

const volunteerFirst = [
  'Søren',
  'Mette',
  'Anne',
  'Lars',
  'Birgitte',
  'Jens',
  'Kirsten',
  'Mads',
  'Åse',
  'Ida',
  'Freja',
  'Rasmus',
  'Jørgen',
  'Hanne',
  'Ole',
  'Signe',
  'Niels',
  'Lærke',
  'Karen',
  'Peter',
  'Sofie',
  'Bjørn',
  'Louise',
  'Anders',
];
const volunteerLast = [
  'Nørgaard',
  'Jensen',
  'Hansen',
  'Ågård',
  'Pedersen',
  'Kjær',
  'Møller',
  'Sørensen',
  'Holm',
  'Dahl',
  'Østergaard',
  'Lund',
  'Bæk',
  'Frederiksen',
  'Madsen',
  'Thomsen',
];

/** Where the demo takes place: the demo coordinator's kommuner get most, a few others some. */
const demoPlaces: readonly Place[] = [
  { kommune: '101', postalCodes: ['2200', '2300', '2400', '2450', '1650'], share: 0.38 },
  { kommune: '201', postalCodes: ['3450', '3460', '3540'], share: 0.3 },
  { kommune: '147', postalCodes: ['2000'], share: 0.1 },
  { kommune: '751', postalCodes: ['8000', '8200', '8210'], share: 0.12 },
  { kommune: '851', postalCodes: ['9000', '9200'], share: 0.1 },
] as const;
const centres = ['sandholm', 'avnstrup', 'vipperoed', 'kongelunden'] as const;

interface Place {
  readonly kommune: string;
  readonly postalCodes: readonly string[];
  /** The part of the people who live here (the shares add up to 1). */
  readonly share: number;
}

export interface DemoOptions {
  readonly volunteers: number;
  readonly handovers: number;
  readonly seed: number;
  readonly now: Date;
  readonly log: (line: string) => void;
  /** Where the programme takes place (the demo coordinator's Allerød and København, and three more). */
  readonly places?: readonly Place[];
  /** Its local groups (the demo's by default; none for a test's own places). */
  readonly groups?: readonly LocalGroupFields[];
}

export interface DemoReport {
  readonly volunteers: number;
  readonly handovers: number;
  readonly proposals: number;
  readonly active: number;
  readonly declined: number;
  readonly ended: number;
  readonly followUpsAnswered: number;
  readonly digestContacts: number;
}

type Env = Record<string, string>;

const day = 24 * 3600 * 1000;

export const seedDemoProgramme = async (env: Env, options: DemoOptions): Promise<DemoReport> => {
  const random = randomSource(options.seed);
  const places = options.places ?? demoPlaces;
  const groups = options.groups ?? demoGroups;
  const log = options.log;
  /** The seed moves the clock: people arrived over the past months. */
  let clock = new Date(options.now.getTime() - 150 * day);
  const now = () => clock;
  const at = (daysAgo: number) =>
    new Date(options.now.getTime() - daysAgo * day + random.between(0, 8 * 3600) * 1000);

  const volunteerDeps = {
    ...volunteerPorts(env as never),
    now,
    // Demo volunteers are confirmed by the seed: no confirmation emails, no rate limit.
    outbox: { claim: async () => true },
    rateLimiter: { hit: async () => ({ allowed: true as const }) },
  };
  const handovers = { ...handoverPorts(env as never).deps, now };
  const matching = { ...matchingPorts(env as never).deps, now };
  const kommuner = kommunerRepository(dynamoDb(), String(env.TABLE_KOMMUNER));

  const caseworker: Actor = {
    sub: 'demo-seed',
    name: 'Demo-sagsbehandler (npm run seed)',
    roles: ['caseworker'],
    centres: [...centres],
    kommuner: [],
  };
  const coordinatorName = 'Demo-koordinator (npm run seed)';
  const coordinator: Actor = {
    sub: 'demo-seed',
    name: 'Demo-koordinator (npm run seed)',
    roles: ['coordinator'],
    centres: [],
    kommuner: places.map((p) => p.kommune),
    // The seed proposes for every group (each group's coordinators would, for their own).
    groups: groups.map((g) => g.id),
  };
  if (groups.length > 0) {
    log(`  ${groups.length} lokale grupper i ${demoOrganisations.length} organisationer …`);
    const organisations = organisationsDirectory(dynamoDb(), String(env.TABLE_ORGANISATIONS));
    await seedDemoOrganisations(organisations, options.now, groups);
  }
  /** A volunteer's group, as they would choose it: their organisation's group there, or the best fit. */
  const groupChoice = (organisation: string, kommune: string) =>
    groups.find((g) => g.active && g.organisationId === organisation && g.kommuner.includes(kommune))?.id ??
    bestFitGroup;
  const placeOf = () => {
    let r = random.next();
    for (const place of places) {
      r -= place.share;
      if (r <= 0) return place;
    }
    return places[0] as Place;
  };

  // Volunteers: signed up over five months; some paused, some not ready, some with two places.
  log(`  ${options.volunteers} frivillige …`);
  const volunteerIds: string[] = [];
  for (let n = 0; n < options.volunteers; n++) {
    // Signed up before the first handover of the demo, so every match comes after the sign-up.
    clock = at(random.between(145, 180));
    const place = placeOf();
    const family = random.chance(0.2);
    const name = `${random.pick(volunteerFirst)} ${random.pick(volunteerLast)}`;
    const input = volunteerSignupSchema.parse({
      name,
      email: `${foldForSearch(name).replace(/ /g, '.')}.${n}@example.org`,
      phone: random.chance(0.8) ? String(random.between(20000000, 61999999)) : undefined,
      kommuneCode: place.kommune,
      postalCode: random.pick(place.postalCodes),
      kind: family ? 'family' : 'friend',
      ...(family ? { adults: 2, children: random.between(0, 3) } : {}),
      languages: [
        'danish',
        ...random.some(['english', 'arabic', 'ukrainian', 'german', 'french', 'farsi'], 0, 2),
      ],
      gender: random.pick(['woman', 'man', 'woman']),
      ageRange: random.pick(['18-29', '30-44', '45-59', '60-74', '75+']),
      helpWith: random.some(
        [
          'everyday-danish',
          'authority-letters',
          'job-search',
          'leisure-and-sport',
          'homework',
          'getting-to-know-the-town',
        ],
        1,
        3,
      ),
      meetingFrequency: random.pick([
        'weekly',
        'every-other-week',
        'every-other-week',
        'monthly',
        'flexible',
      ]),
      capacity: random.chance(0.15) ? 2 : 1,
      ...random.pick([
        { organisation: 'red-cross' },
        { organisation: 'red-cross' },
        { organisation: 'danish-refugee-council' },
        { organisation: 'other-association', organisationName: 'Venskabsforeningen' },
        { organisation: 'none' },
      ]),
      consent: true,
      privacyNoticeVersion,
    });
    const { id } = await signUp(
      volunteerDeps,
      { ...input, group: groupChoice(input.organisation, input.kommuneCode) },
      `demo-${n}`,
    );
    // One in ten signed up before there were groups: "not yet assigned", seen by every group there.
    if (random.chance(0.1)) {
      const signedUp = await volunteerDeps.volunteers.get(id, clock);
      if (signedUp) await volunteerDeps.volunteers.save(signedUp, { ...signedUp, groupId: undefined });
    }
    if (random.chance(0.06)) continue; // never confirmed: not listed for coordinators
    clock = new Date(clock.getTime() + random.between(1, 48) * 3600 * 1000);
    const token = await issueToken(volunteerDeps.tokens, 'confirm', id, clock);
    await confirmSignup(volunteerDeps, token);
    // Most have had their introduction and accepted the declaration; many also a børneattest.
    if (random.chance(0.85)) {
      const before = await volunteerDeps.volunteers.get(id, clock);
      const on = new Date(clock.getTime() + random.between(2, 10) * day);
      if (before) {
        const screened = withScreening(
          before,
          {
            introductionOn: on.toISOString().slice(0, 10),
            confidentiality: true,
            ...(random.chance(family ? 0.75 : 0.4)
              ? {
                  certificateRequestedOn: on.toISOString().slice(0, 10),
                  certificateDecidedOn: new Date(on.getTime() + 7 * day).toISOString().slice(0, 10),
                  assessment: 'approved' as const,
                }
              : {}),
          },
          coordinatorName,
          new Date(on.getTime() + 8 * day),
        );
        await volunteerDeps.volunteers.save(before, screened);
      }
    }
    volunteerIds.push(id);
  }

  // Handovers: families and single people from several countries, to several kommuner.
  log(`  ${options.handovers} overdragelser …`);
  const waiting: { id: string; at: string }[] = [];
  for (let n = 0; n < options.handovers; n++) {
    const daysAgo = random.between(1, 140);
    clock = at(daysAgo);
    const language = random.pick(Object.keys(refugeeNames) as (keyof typeof refugeeNames)[]);
    const names = refugeeNames[language];
    const family = random.chance(0.45);
    const children = family ? random.some([1, 3, 5, 7, 9, 12, 15, 16], 0, 3) : [];
    const place = placeOf();
    const centre = random.pick(centres);
    const moving = new Date(clock.getTime() + random.between(5, 40) * day).toISOString().slice(0, 10);
    const shareWithKommune = random.chance(0.8);
    const shareWithVolunteers = !shareWithKommune || random.chance(0.92);
    const input = handoverSchema.parse({
      // Deterministic: a second run after a failed one records the same handovers, not new ones.
      submissionKey: uuidFrom(random.next),
      centreId: centre,
      interviewDate: clock.toISOString().slice(0, 10),
      receivingKommune: place.kommune,
      wantsContact: true,
      noticeVersion: '2026-10-01',
      // The notice explained in their language (Persian for Dari), or in English for some.
      noticeLanguage: random.chance(0.2) ? 'english' : language === 'dari' ? 'persian' : language,
      interpreterUsed: random.chance(0.7),
      consentMethod: random.pick(['signed-form', 'signed-form', 'oral']),
      shareWithVolunteers,
      shareWithKommune,
      name: `${random.pick(names.first)} ${random.pick(names.last)}`,
      phone: String(random.between(20000000, 61999999)),
      birthYear: random.between(1960, 2004),
      gender: random.pick(['woman', 'man']),
      nationality: {
        arabic: 'Syrisk',
        tigrinya: 'Eritreansk',
        ukrainian: 'Ukrainsk',
        dari: 'Afghansk',
        somali: 'Somalisk',
      }[language],
      languages: [language, ...(random.chance(0.4) ? ['english'] : [])],
      danishLevel: random.pick(['none', 'none', 'basic', 'good']),
      englishLevel: random.pick(['none', 'basic', 'good', 'fluent']),
      household: family ? 'family' : 'alone',
      ...(family ? { adults: random.between(1, 2) } : {}),
      childrenAges: children,
      expectedMovingDate: moving,
      ...(random.chance(0.5)
        ? {
            newAddress: `${random.pick(['Skovvej', 'Parkvej', 'Østergade', 'Søndergade'])} ${random.between(1, 80)}, ${random.pick(place.postalCodes)}`,
          }
        : {}),
      ...(shareWithKommune
        ? {
            kommuneCaseworkerName: random.pick(['Karen Lindholm', 'Mikkel Bruun', 'Tove Skov']),
            kommuneCaseworkerEmail: `integration.${place.kommune}@kommune.example.dk`,
          }
        : {}),
      helpWith: random.some(
        ['everyday-danish', 'authority-letters', 'job-search', 'homework', 'leisure-and-sport'],
        1,
        3,
      ),
      preferredVolunteerGender: random.pick(['any', 'any', 'woman', 'man']),
      ...(random.chance(0.3)
        ? {
            note: random.pick([
              'Vil gerne i svømmehallen med børnene.',
              'Spiller fodbold.',
              'Har brug for hjælp med breve fra kommunen.',
              'Ønsker at øve dansk.',
            ]),
          }
        : {}),
    });
    const result = await recordHandover(handovers, input, caseworker);
    if (result.kind === 'recorded' && result.record.consent.shareWithVolunteers && daysAgo > 14)
      waiting.push({ id: result.record.id, at: result.record.recordedAt });
  }

  // Matches: the coordinator takes the best suggestion for some of those who have waited longest.
  log('  forslag, svar og match …');
  let proposals = 0;
  let active = 0;
  let declined = 0;
  let ended = 0;
  const activeMatches: string[] = [];
  // The longest waiting first, in the order a coordinator would take them.
  waiting.sort((a, b) => a.at.localeCompare(b.at));
  for (const { id: consentId } of waiting.slice(0, Math.round(waiting.length * 0.35))) {
    const record = await matching.records.get(consentId);
    if (record?.status !== 'waiting') continue;
    // Proposed some days after the handover; one still unanswered was proposed in the last days
    // (older ones would have lapsed).
    const unanswered = random.chance(0.15);
    clock = unanswered
      ? new Date(options.now.getTime() - random.between(0, 3) * day - 3600 * 1000)
      : new Date(
          Math.min(Date.parse(record.recordedAt) + random.between(3, 20) * day, options.now.getTime()),
        );
    const { suggestions } = await refugeeMatching(matching, coordinator, consentId, 3);
    const best = suggestions[0];
    if (!best) continue;
    const match = await proposeMatch(matching, coordinator, consentId, best.volunteerId).catch(
      () => undefined,
    );
    if (!match) continue;
    proposals++;
    if (unanswered) continue;
    clock = new Date(Math.min(clock.getTime() + random.between(1, 4) * day, options.now.getTime()));
    const answer = random.chance(0.85) ? 'accept' : 'decline';
    const token = await issueToken(
      matching.tokens as never,
      'match-answer',
      best.volunteerId,
      clock,
      match.id,
    );
    const outcome = await answerProposal(matching, match.id, token, answer);
    if (outcome === 'accepted') {
      active++;
      activeMatches.push(match.id);
    } else if (outcome === 'declined') declined++;
  }

  // Six weeks on: follow-ups asked (the job), some answered; a few matches paused or ended.
  clock = options.now;
  await sendFollowUps(
    matching,
    places.map((p) => p.kommune),
  );
  let followUpsAnswered = 0;
  for (const matchId of activeMatches) {
    const match = await matching.matches.get(matchId);
    if (!match) continue;
    for (const milestone of Object.keys(match.followUps) as (keyof typeof match.followUps)[]) {
      if (!random.chance(0.7)) continue;
      const token = await issueToken(
        matching.tokens as never,
        'follow-up',
        match.volunteerId,
        clock,
        `${match.id}#${milestone}`,
      );
      const answer = random.pick([
        'meeting-regularly',
        'meeting-regularly',
        'something-difficult',
        'lost-contact',
        'ended',
      ] as const);
      if ((await answerFollowUpLink(matching, match.id, milestone, token, answer)) === 'answered')
        followUpsAnswered++;
    }
  }
  // Meetings about every other week (some pairs more, some less), and a concern now and then.
  let meetings = 0;
  let concerns = 0;
  for (const matchId of activeMatches) {
    const match = await matching.matches.get(matchId);
    if (!match?.activeSince) continue;
    const pace = random.pick([7, 14, 14, 21, 35]);
    for (let at = Date.parse(match.activeSince) + pace * day; at < options.now.getTime(); at += pace * day) {
      const on = copenhagenDate(new Date(at + random.between(-2, 2) * day));
      if ((await recordMeeting(matching, matchId, match.volunteerId, on)) === 'recorded') meetings++;
    }
    if (random.chance(0.06)) {
      await raiseConcern(
        matching,
        { volunteerId: match.volunteerId },
        matchId,
        random.pick([
          'Vi har svært ved at finde tid til at ses, og min ven virker skuffet.',
          'Familien har fået et brev fra kommunen, som de er bekymrede for.',
          'Min ven har ikke svaret i et par uger.',
        ]),
      );
      concerns++;
    }
  }
  log(`  ${countOf(meetings, 'møde', 'møder')} og ${countOf(concerns, 'bekymring', 'bekymringer')} …`);
  for (const matchId of activeMatches.slice(0, Math.max(1, Math.round(activeMatches.length * 0.15)))) {
    const action: CoordinatorAction = random.chance(0.5)
      ? { kind: 'pause' }
      : {
          kind: 'end',
          closure: random.pick([
            { planned: true, endedBy: 'both', reason: 'completed', refugeeWantsNewFriend: false },
            { planned: false, endedBy: 'volunteer', reason: 'no-time', refugeeWantsNewFriend: true },
            { planned: false, endedBy: 'volunteer', reason: 'moved', refugeeWantsNewFriend: true },
            { planned: false, endedBy: 'refugee', reason: 'moved', refugeeWantsNewFriend: false },
            { planned: false, endedBy: 'refugee', reason: 'did-not-fit', refugeeWantsNewFriend: true },
          ] as const),
        };
    const done = await changeMatch(matching, coordinator, matchId, action).catch(() => undefined);
    if (done && action.kind === 'end') ended++;
  }

  // Each demo kommune has someone who gets the weekly digest.
  let digestContacts = 0;
  for (const place of places) {
    await kommuner.addDigestContact(place.kommune, `digest.${place.kommune}@kommune.example.dk`, options.now);
    digestContacts++;
  }
  return {
    volunteers: volunteerIds.length,
    handovers: options.handovers,
    proposals,
    active,
    declined,
    ended,
    followUpsAnswered,
    digestContacts,
  };
};
